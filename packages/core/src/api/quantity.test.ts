import { describe, expect, it } from 'vitest';
import {
  canonicalQuantity,
  compareQuantities,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  quantityBytes,
  quantityValue,
  roundUpToGiB,
  tryParseQuantity,
} from './quantity.js';

const REGEX_TEXT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('parseQuantity values', () => {
  it.each([
    ['1Gi', 1073741824n],
    ['500M', 500000000n],
    ['1.5Gi', 1610612736n],
    ['1000Mi', 1048576000n],
    ['1Ki', 1024n],
    ['2Ei', 2n ** 61n],
    ['1k', 1000n],
    ['1e3', 1000n],
    ['1E3', 1000n],
    ['1E', 10n ** 18n],
    ['100m', 1n],
    ['0', 0n],
    ['-1Gi', -1073741824n],
    ['+5', 5n],
    ['1.G', 1000000000n],
  ])('%s is %s', (text, bytes) => {
    expect(quantityValue(parseQuantity(text))).toBe(bytes);
  });

  it('100m is 0.1 (milli precision kept)', () => {
    expect(parseQuantity('100m').nanos).toBe(100_000_000n);
  });

  it('precision finer than nano rounds up', () => {
    expect(parseQuantity('0.0000000001').nanos).toBe(1n);
  });

  it('values above MaxInt64 are capped', () => {
    expect(quantityValue(parseQuantity('100E'))).toBe(2n ** 63n - 1n);
  });
});

describe('parseQuantity errors (apimachinery texts)', () => {
  it('the regex text is the reference literal', () => {
    expect(QUANTITY_FORMAT_ERROR).toBe(REGEX_TEXT);
    expect(QUANTITY_SUFFIX_ERROR).toBe("unable to parse quantity's suffix");
  });
  it.each([
    ['', REGEX_TEXT],
    ['abc', REGEX_TEXT],
    ['1.2.3', REGEX_TEXT],
    ['1 Gi', REGEX_TEXT],
    // the scanner stops at 'B'/'b' (not a suffix character), so these fail the format check
    ['1GB', REGEX_TEXT],
    ['1Gb', REGEX_TEXT],
    ['1K', "unable to parse quantity's suffix"],
    ['1ki', "unable to parse quantity's suffix"],
    ['1e', "unable to parse quantity's suffix"],
    ['1Gi5', "unable to parse quantity's suffix"],
  ])('%j → %s', (text, message) => {
    expect(tryParseQuantity(text)).toBe(message);
  });
});

describe('canonical form', () => {
  it.each([
    ['1.5Gi', '1536Mi'],
    ['1000Mi', '1000Mi'],
    ['1024Mi', '1Gi'],
    ['500M', '500M'],
    ['0.5Gi', '512Mi'],
    ['1.5Ki', '1536'],
    ['512', '512'],
    ['0.1', '100m'],
    ['1500000', '1500k'],
    ['1000', '1k'],
    ['0.0001', '100u'],
    ['12e2', '1200'],
    ['1e3', '1e3'],
    ['1e-3', '1e-3'],
    ['0Gi', '0'],
    ['-1.5Gi', '-1536Mi'],
    ['01Gi', '1Gi'],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalQuantity(text)).toBe(canonical);
  });
});

describe('helpers', () => {
  it('compare orders by value across formats', () => {
    expect(compareQuantities(parseQuantity('1Gi'), parseQuantity('1G'))).toBe(1);
    expect(compareQuantities(parseQuantity('1000M'), parseQuantity('1G'))).toBe(0);
    expect(compareQuantities(parseQuantity('1'), parseQuantity('2'))).toBe(-1);
  });
  it('roundUpToGiB rounds 500M up to 1 GiB and keeps whole GiB', () => {
    expect(roundUpToGiB('500M')).toBe(1);
    expect(roundUpToGiB('1Gi')).toBe(1);
    expect(roundUpToGiB('1025Mi')).toBe(2);
    expect(roundUpToGiB('5G')).toBe(5);
    expect(roundUpToGiB('0')).toBe(0);
  });
  it('quantityBytes returns a number', () => {
    expect(quantityBytes('4Gi')).toBe(4 * 1024 ** 3);
  });
});
