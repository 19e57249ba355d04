import { describe, expect, it } from 'vitest';
import { assignPartitions } from './partitions.js';

describe('assignPartitions', () => {
  it('gives each partition to exactly one worker of its book and account, evenly', () => {
    const parts = ['soccer:early', 'soccer:live', 'soccer:today', 'tennis:today'];
    const assigned = assignPartitions([
      { workerId: 'a', book: 'csport', account: 'u1', partitions: parts },
      { workerId: 'b', book: 'csport', account: 'u1', partitions: parts },
      { workerId: 'c', book: 'sbo', account: 'u1', partitions: ['all'] },
    ]);
    expect([...(assigned.get('a') ?? []), ...(assigned.get('b') ?? [])].sort()).toEqual(parts);
    expect(assigned.get('a')).toHaveLength(2);
    expect(assigned.get('c')).toEqual(['all']);
  });

  it('keeps accounts apart, and gives a worker only what it offered', () => {
    const assigned = assignPartitions([
      { workerId: 'a', book: 'csport', account: 'u1', partitions: ['x'] },
      { workerId: 'b', book: 'csport', account: 'u2', partitions: ['x', 'y'] },
    ]);
    expect(assigned.get('a')).toEqual(['x']);
    expect(assigned.get('b')).toEqual(['x', 'y']);
  });
});
