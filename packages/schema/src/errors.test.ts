import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SchemaError, check, formatIssues, formatPath, issuesOf, parse } from './index.js';

describe('formatPath', () => {
  it('renders keys and indexes as a JavaScript accessor', () => {
    expect(formatPath(['matches', 3, 'markets', 0, 'prices', 'home'])).toBe(
      'matches[3].markets[0].prices.home',
    );
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('(root)');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['books', 'my-book', 'eventId'])).toBe('books["my-book"].eventId');
  });
});

describe('check and parse', () => {
  const schema = z.object({ a: z.number(), b: z.object({ c: z.string() }) });

  it('returns the value when valid', () => {
    expect(parse(schema, { a: 1, b: { c: 'x' } })).toEqual({ a: 1, b: { c: 'x' } });
    expect(check(schema, { a: 1, b: { c: 'x' } })).toEqual({ ok: true, value: { a: 1, b: { c: 'x' } } });
  });

  it('names every bad field by its path, missing ones as required', () => {
    expect(issuesOf(schema, { a: 'x', b: {} })).toEqual([
      'a: expected number, received string',
      'b.c: required',
    ]);
  });

  it('throws a SchemaError whose message names the input and each field', () => {
    expect(() => parse(schema, { a: 1 }, 'thing')).toThrow(SchemaError);
    expect(() => parse(schema, { a: 1 }, 'thing')).toThrow('invalid thing: b: required');
    try {
      parse(schema, null);
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(SchemaError);
      expect((err as SchemaError).name).toBe('SchemaError');
      expect((err as SchemaError).issues).toEqual([
        { path: '(root)', message: 'expected object, received null' },
      ]);
    }
  });

  it('lists unexpected keys of strict objects', () => {
    expect(issuesOf(z.strictObject({ a: z.number() }), { a: 1, b: 2, c: 3 })).toEqual([
      '(root): unexpected keys "b", "c"',
    ]);
  });
});

describe('formatIssues', () => {
  it('lists at most five issues and counts the rest', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: `x[${i}]`, message: 'bad' }));
    expect(formatIssues(issues)).toBe('x[0]: bad; x[1]: bad; x[2]: bad; x[3]: bad; x[4]: bad; and 2 more');
  });
});
