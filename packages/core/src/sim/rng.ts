/**
 * Seeded randomness. Every random draw in kubesim comes from a stream forked by label from the
 * cluster seed, so a new draw in one component never shifts another's.
 * The only file in `core/src` (with `clock.ts`) allowed to make random numbers.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** FNV-1a 32-bit over a string's UTF-16 code units. */
export function fnv32a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const HEX = '0123456789abcdef';

const HEX_CODES = Array.from(HEX, (ch) => ch.charCodeAt(0));

/** `uuid` scratch: 32 hex digit codes, and the 36 codes of the text (dashes and version fixed). */
const UUID_DIGITS = new Uint16Array(32);
const UUID_CODES = new Uint16Array(36);
/**
 * For each position of the text, the digit it shows (-1: fixed). As `8-4-4-4-12` over the digits,
 * except the version nibble (text 14, digit 12: '4') and the variant (text 19, digit 16: set apart).
 */
const UUID_FROM = Int8Array.from({ length: 36 }, (_, i) => (i === 8 || i === 13 || i === 18 || i === 23 || i === 14 || i === 19 ? -1 : i - (i > 23 ? 4 : i > 18 ? 3 : i > 13 ? 2 : i > 8 ? 1 : 0)));
UUID_CODES.fill(0x2d);
UUID_CODES[14] = 0x34;

/** Writes a 32-bit draw's 8 hex digit codes at `at`. */
function putHex(codes: Uint16Array, at: number, x: number): void {
  for (let i = 7, v = x >>> 0; i >= 0; i--, v >>>= 4) codes[at + i] = HEX_CODES[v & 15];
}

/** A deterministic random stream. Fork children by label; never share one across components. */
export class Rng {
  private readonly gen: Generator;

  constructor(readonly seed: number, readonly label = 'root') {
    this.gen = xoroshiro128plus(seed | 0);
  }

  /** An independent stream derived from this stream's seed and `label` (not from its position). */
  fork(label: string): Rng {
    const path = `${this.label}/${label}`;
    return new Rng(fnv32a(path, fnv32a(String(this.seed))), path);
  }

  /**
   * Uniform integer in `[min, max]`: pure-rand's `uniformInt`, with its rejection sampling for
   * ranges up to 2^32 inlined (same values, no wrappers).
   */
  int(min: number, max: number): number {
    const size = max - min + 1;
    if (size > 4294967296) return uniformInt(this.gen, min, max);
    const maxAllowed = size > 2 ? Math.floor(4294967296 / size) * size : 4294967296;
    const gen = this.gen;
    let v = gen.next() + 2147483648;
    while (v >= maxAllowed) v = gen.next() + 2147483648;
    // v % size, without `%`: v is beyond int32, and V8 computes a double `%` with a libc fmod call
    // (3× slower). Exact: v and size are integers below 2^53, and the quotient's rounding error is
    // below 1/size, so the floor is the integer quotient.
    return v - Math.floor(v / size) * size + min;
  }

  /** Uniform float in `[0, 1)`. */
  float(): number {
    return uniformInt(this.gen, 0, 0x7fffffff) / 0x80000000;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** `length` characters drawn from `alphabet`. */
  string(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  /** `length` lowercase hex characters. */
  hex(length: number): string {
    return this.string(HEX, length);
  }

  /** A version-4 UUID (RFC 4122 random: version nibble 4, variant 10xx), as the API server assigns to `metadata.uid`. */
  uuid(): string {
    // 128 random bits from four 32-bit draws, one per 8 hex digits, written as character codes and
    // made into one flat string (a concatenation of slices would keep a rope of ~10 pieces alive).
    const h = UUID_DIGITS;
    putHex(h, 0, this.gen.next());
    putHex(h, 8, this.gen.next());
    const third = this.gen.next();
    putHex(h, 16, third);
    putHex(h, 24, this.gen.next());
    const c = UUID_CODES;
    for (let i = 0; i < 36; i++) if (UUID_FROM[i] >= 0) c[i] = h[UUID_FROM[i]];
    c[19] = HEX_CODES[8 + ((third >>> 28) & 3)];
    // Spelled out: `fromCharCode.apply` copies the codes into an argument array first (3× slower).
    // prettier-ignore
    return String.fromCharCode(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14], c[15], c[16], c[17], c[18], c[19], c[20], c[21], c[22], c[23], c[24], c[25], c[26], c[27], c[28], c[29], c[30], c[31], c[32], c[33], c[34], c[35]);
  }
}
