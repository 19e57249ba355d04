import { describe, expect, it } from 'vitest';
import { check } from './errors.js';
import { simFaultRequestSchema } from './simulator.js';

describe('simFaultRequestSchema', () => {
  it('takes a fault on one book and defaults its duration to 30 s', () => {
    const result = check(simFaultRequestSchema, { book: 'csport', kind: 'slow' });
    expect(result).toEqual({ ok: true, value: { book: 'csport', kind: 'slow', durationMs: 30_000 } });
  });

  it('names every bad field: an unknown book, kind and a negative duration', () => {
    const result = check(simFaultRequestSchema, { book: 'nope', kind: 'fire', durationMs: -1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((i) => i.path)).toEqual(['book', 'kind', 'durationMs']);
  });
});
