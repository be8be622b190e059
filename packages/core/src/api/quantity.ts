/**
 * Resource quantities (`resource.Quantity`): parsing with apimachinery's scanner and error texts,
 * exact values, comparison and the canonical string the API server stores.
 *
 * Design: a quantity is an exact integer count of nano-units (`nanos`, a bigint) plus the format
 * its suffix implied; apimachinery keeps 10^-9 precision (finer values round away from zero) and
 * caps magnitudes at 2^63-1, so a bigint of nanos represents every parsed value exactly.
 * @see apimachinery pkg/api/resource/quantity.go, suffix.go, amount.go
 */

/** How a quantity is written back (`resource.Format`). */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** A parsed quantity: exact value in nano-units and its format. */
export interface Quantity {
  /** The value times 10^9, exactly. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/** `resource.ErrFormatWrong` text. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** `resource.ErrSuffix` text. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
/** `resource.ErrNumeric` text. */
export const QUANTITY_NUMERIC_ERROR = "unable to parse numeric part of quantity";

/** A quantity that does not parse; `message` is apimachinery's error text. */
export class QuantityError extends Error {
  override readonly name = 'QuantityError';
}

const NANO = 1_000_000_000n;
const GIB = 1n << 30n;
/** Quantities larger than MaxInt64 are capped (quantity.go `maxAllowed`). */
const MAX_NANOS = ((1n << 63n) - 1n) * NANO;

const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));

interface Scanned {
  readonly positive: boolean;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

/** `parseQuantityString`: splits sign, integer digits, fraction digits and suffix. */
function scan(str: string): Scanned {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos] as string)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** `suffixer.interpret`: base (2 or 10), exponent and format of a suffix. */
function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined && Object.hasOwn(DECIMAL_SUFFIXES, suffix)) {
    return { base: 10, exponent: decimal, format: 'DecimalSI' };
  }
  const binary = BINARY_SUFFIXES.indexOf(suffix as (typeof BINARY_SUFFIXES)[number]);
  if (binary > 0) return { base: 2, exponent: binary * 10, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[eE][-+]?[0-9]+$/.test(suffix)) {
    const exponent = Number.parseInt(suffix.slice(1), 10);
    if (Number.isSafeInteger(exponent)) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError(QUANTITY_SUFFIX_ERROR);
}

/** Rounds `n / d` away from zero (inf.RoundUp) for positive `n`, `d`. */
function divUp(n: bigint, d: bigint): bigint {
  return (n + d - 1n) / d;
}

/**
 * Parses a quantity string (`resource.ParseQuantity`).
 * @throws QuantityError with apimachinery's message
 */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return { nanos: 0n, format: 'DecimalSI' };
  const { positive, num, denom, suffix } = scan(str);
  const { base, exponent, format } = interpretSuffix(suffix);
  // magnitude = digits * 10^-len(denom) * base^exponent, in nanos
  const digits = BigInt(num + denom);
  let numerator = digits * NANO;
  let denominator = 10n ** BigInt(denom.length);
  if (base === 2) numerator *= 1n << BigInt(exponent);
  else if (exponent >= 0) numerator *= 10n ** BigInt(Math.min(exponent, 400));
  else denominator *= 10n ** BigInt(Math.min(-exponent, 400));
  let nanos = numerator === 0n ? 0n : divUp(numerator, denominator);
  if (nanos > MAX_NANOS) nanos = MAX_NANOS;
  return { nanos: positive ? nanos : -nanos, format };
}

/** Parses, returning the error text instead of throwing. */
export function tryParseQuantity(str: string): Quantity | string {
  try {
    return parseQuantity(str);
  } catch (e) {
    return (e as QuantityError).message;
  }
}

/** A quantity of `value` whole units (bytes, cores) in the given format. */
export function quantityFromValue(value: bigint | number, format: QuantityFormat = 'BinarySI'): Quantity {
  return { nanos: BigInt(value) * NANO, format };
}

/** `Quantity.Value()`: the value in whole units, rounded away from zero. */
export function quantityValue(q: Quantity): bigint {
  const sign = q.nanos < 0n ? -1n : 1n;
  const abs = q.nanos * sign;
  return sign * divUp(abs, NANO);
}

/** `Quantity.MilliValue()`: the value in thousandths, rounded away from zero. */
export function quantityMilliValue(q: Quantity): bigint {
  const sign = q.nanos < 0n ? -1n : 1n;
  return sign * divUp(q.nanos * sign, 1_000_000n);
}

/** Bytes of a quantity string as a JS number (exact up to 2^53). */
export function quantityBytes(str: string): number {
  return Number(quantityValue(parseQuantity(str)));
}

/** `Quantity.Cmp`: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Whether two quantity strings denote the same value. */
export function quantitiesEqual(a: string, b: string): boolean {
  return compareQuantities(parseQuantity(a), parseQuantity(b)) === 0;
}

/** Whole GiB needed to hold `q` (EBS CSI `util.RoundUpGiB`). */
export function roundUpToGiB(q: Quantity | string): number {
  const bytes = quantityValue(typeof q === 'string' ? parseQuantity(q) : q);
  return bytes <= 0n ? 0 : Number(divUp(bytes, GIB));
}

/** `Quantity.String()`: the canonical form (`1.5Gi` → `1536Mi`, `1000Mi`, `500M`, `100m`). */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  if (q.format === 'BinarySI' && abs % NANO === 0n && abs >= 1024n * NANO) {
    let mantissa = abs / NANO;
    let power = 0;
    while (power < BINARY_SUFFIXES.length - 1 && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      power++;
    }
    return `${sign}${mantissa}${BINARY_SUFFIXES[power]}`;
  }
  // Decimal: strip factors of ten, then lower the exponent to a multiple of 3.
  let mantissa = abs;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const adjust = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(adjust);
  exponent -= adjust;
  if (q.format === 'DecimalExponent') return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  if (suffix !== undefined) return `${sign}${mantissa}${suffix}`;
  return `${sign}${mantissa}e${exponent}`;
}

/** Canonical form of a quantity string. */
export function canonicalQuantity(str: string): string {
  return formatQuantity(parseQuantity(str));
}
