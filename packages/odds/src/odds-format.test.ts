import { describe, expect, it } from 'vitest';
import {
  ODDS_FORMATS,
  OddsRangeError,
  convertOdds,
  formatOdds,
  fromDecimal,
  toDecimal,
  type OddsFormat,
} from './index.js';

describe('toDecimal: worked examples from markets.md', () => {
  it.each([
    // format, value, decimal: each worked by hand from the table in markets.md
    ['decimal', 1.95, 1.95],
    ['malay', 0.95, 1.95], // m > 0: 1 + m
    ['malay', 0.5, 1.5],
    ['malay', 1, 2], // boundary: even money
    ['malay', -1, 2], // boundary: 1 + 1/1
    ['malay', -0.5, 3], // m < 0: 1 + 1/0.5
    ['malay', -0.8, 2.25], // 1 + 1/0.8
    ['malay', -0.25, 5],
    ['hk', 0.95, 1.95], // 1 + h
    ['hk', 1.5, 2.5],
    ['hk', 0.01, 1.01],
    ['indo', 1, 2], // boundary
    ['indo', -1, 2], // boundary
    ['indo', 1.5, 2.5], // i > 0: 1 + i
    ['indo', -2, 1.5], // i < 0: 1 + 1/2
    ['indo', -1.25, 1.8], // 1 + 1/1.25
    ['american', 100, 2], // boundary
    ['american', -100, 2], // boundary
    ['american', 150, 2.5], // 1 + 150/100
    ['american', -200, 1.5], // 1 + 100/200
    ['american', -110, 1.909090909091], // 1 + 100/110
    ['american', 250, 3.5],
  ] as const)('%s %d is decimal %d', (format, value, decimal) => {
    expect(toDecimal(value, format)).toBeCloseTo(decimal, 10);
  });

  it('gives exact decimals where the arithmetic is exact (no binary noise)', () => {
    expect(toDecimal(0.95, 'malay')).toBe(1.95);
    expect(toDecimal(0.95, 'hk')).toBe(1.95);
    expect(toDecimal(-0.8, 'malay')).toBe(2.25);
  });
});

describe('fromDecimal', () => {
  it.each([
    [1.95, 'malay', 0.95],
    [3, 'malay', -0.5], // above even money malay turns negative: -1/(D - 1)
    [2.25, 'malay', -0.8],
    [2, 'malay', 1], // even money prints as +1
    [1.95, 'hk', 0.95],
    [1.5, 'indo', -2], // below even money indo is negative: -1/(D - 1)
    [2.5, 'indo', 1.5],
    [2, 'indo', 1],
    [2.5, 'american', 150],
    [1.5, 'american', -200],
    [2, 'american', 100],
    [1.95, 'american', -105.263157895],
    [1.01, 'american', -10000],
  ] as const)('decimal %d is %s %d', (decimal, format, value) => {
    expect(fromDecimal(decimal, format)).toBeCloseTo(value, 8);
  });

  it('round-trips every format over the whole range of prices', () => {
    for (let decimal = 1.01; decimal < 60; decimal += 0.01) {
      for (const format of ODDS_FORMATS) {
        const there = fromDecimal(decimal, format);
        expect(toDecimal(there, format), `${decimal} via ${format}`).toBeCloseTo(decimal, 9);
      }
    }
  });

  it('never produces a value outside the target format’s range', () => {
    for (let decimal = 1.001; decimal < 1000; decimal *= 1.01) {
      for (const format of ODDS_FORMATS) {
        expect(() => toDecimal(fromDecimal(decimal, format), format)).not.toThrow();
      }
    }
  });

  it('refuses decimal odds that are not > 1', () => {
    expect(() => fromDecimal(1, 'malay')).toThrow('decimal odds must be D > 1, got 1');
    expect(() => fromDecimal(0.5, 'american')).toThrow(OddsRangeError);
  });
});

describe('out-of-range values are errors naming the range', () => {
  it.each([
    ['decimal', 1, 'decimal odds must be D > 1, got 1'],
    ['decimal', 0.9, 'decimal odds must be D > 1, got 0.9'],
    ['malay', 1.01, 'malay odds must be -1 <= m <= 1 and m != 0, got 1.01'],
    ['malay', -1.01, 'malay odds must be -1 <= m <= 1 and m != 0, got -1.01'],
    ['malay', 0, 'malay odds must be -1 <= m <= 1 and m != 0, got 0'],
    ['malay', 1.95, 'malay odds must be -1 <= m <= 1 and m != 0, got 1.95'],
    ['hk', 0, 'hk odds must be h > 0, got 0'],
    ['hk', -0.5, 'hk odds must be h > 0, got -0.5'],
    ['indo', 0.99, 'indo odds must be i <= -1 or i >= 1, got 0.99'],
    ['indo', -0.99, 'indo odds must be i <= -1 or i >= 1, got -0.99'],
    ['indo', 0, 'indo odds must be i <= -1 or i >= 1, got 0'],
    ['american', 99, 'american odds must be a <= -100 or a >= 100, got 99'],
    ['american', -99.5, 'american odds must be a <= -100 or a >= 100, got -99.5'],
    ['american', 0, 'american odds must be a <= -100 or a >= 100, got 0'],
    ['malay', Number.NaN, 'malay odds must be a finite number'],
    ['decimal', Number.POSITIVE_INFINITY, 'decimal odds must be a finite number'],
  ] as const)('%s %d', (format, value, message) => {
    let caught: unknown;
    try {
      toDecimal(value, format);
    } catch (err: unknown) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(OddsRangeError);
    expect((caught as OddsRangeError).message).toBe(message);
    expect((caught as OddsRangeError).format).toBe(format);
    expect((caught as OddsRangeError).name).toBe('OddsRangeError');
  });
});

describe('convertOdds', () => {
  it.each([
    [-0.5, 'malay', 'american', 200], // 3.0 decimal
    [-200, 'american', 'indo', -2], // 1.5 decimal
    [0.95, 'malay', 'hk', 0.95], // positive malay equals hk
    [-0.8, 'malay', 'hk', 1.25],
    [1.5, 'indo', 'malay', -0.666666666667],
    [150, 'american', 'american', 150],
  ] as const)('%d %s is %s %d', (value, from, to, expected) => {
    expect(convertOdds(value, from, to)).toBeCloseTo(expected, 9);
  });

  it('validates the input even when the formats are the same', () => {
    expect(() => convertOdds(50, 'american', 'american')).toThrow(OddsRangeError);
  });
});

describe('formatOdds', () => {
  it.each([
    [1.95, 'decimal', '1.95'],
    [1.95, 'malay', '0.95'],
    [2.9, 'malay', '-0.53'], // -1/1.9 = -0.5263
    [2, 'malay', '1.00'],
    [1.95, 'hk', '0.95'],
    [1.5, 'indo', '-2.00'],
    [2.5, 'indo', '1.50'],
    [2.5, 'american', '+150'],
    [1.5, 'american', '-200'],
    [1.95, 'american', '-105'],
    [2, 'american', '+100'],
    [2.005, 'decimal', '2.01'], // half away from zero despite binary 2.00499...
  ] as [number, OddsFormat, string][])('%d as %s is %s', (decimal, format, text) => {
    expect(formatOdds(decimal, format)).toBe(text);
  });

  it('takes a precision', () => {
    expect(formatOdds(1.9523, 'decimal', 3)).toBe('1.952');
    expect(formatOdds(2.9, 'malay', 4)).toBe('-0.5263');
  });
});
