import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareQuantities, formatQuantity, parseQuantity, type QuantityFormat, quantityFromValue } from './quantity.js';

const SEED = 20261128;
const formats: QuantityFormat[] = ['BinarySI', 'DecimalSI', 'DecimalExponent'];
const bytes = fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n });
const suffix = fc.constantFrom('', 'Ki', 'Mi', 'Gi', 'Ti', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'e3', 'e-2', 'E');
const text = fc
  .tuple(fc.boolean(), fc.nat({ max: 999999 }), fc.option(fc.nat({ max: 999 }), { nil: undefined }), suffix)
  .map(([neg, whole, frac, suf]) => `${neg ? '-' : ''}${whole}${frac === undefined ? '' : `.${frac}`}${suf}`);

describe('quantity properties', () => {
  it('parse(format(q)) has the value of q, for generated values in every format', () => {
    fc.assert(
      fc.property(bytes, fc.constantFrom(...formats), (v, format) => {
        const q = quantityFromValue(v, format);
        expect(parseQuantity(formatQuantity(q)).nanos).toBe(q.nanos);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('format(parse(x)) is a fixed point: it parses back to the same value and string', () => {
    fc.assert(
      fc.property(text, (x) => {
        const q = parseQuantity(x);
        const canonical = formatQuantity(q);
        const again = parseQuantity(canonical);
        expect(again.nanos).toBe(q.nanos);
        expect(formatQuantity(again)).toBe(canonical);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('compare agrees with the order of the byte values, whatever the formats', () => {
    fc.assert(
      fc.property(bytes, bytes, fc.constantFrom(...formats), fc.constantFrom(...formats), (a, b, fa, fb) => {
        const expected = a < b ? -1 : a > b ? 1 : 0;
        expect(compareQuantities(parseQuantity(formatQuantity(quantityFromValue(a, fa))), quantityFromValue(b, fb))).toBe(expected);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
