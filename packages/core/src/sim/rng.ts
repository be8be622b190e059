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

/** Two lowercase hex digits per byte value (`Number#toString(16)` is slow on hot paths). */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => HEX[i >> 4] + HEX[i & 15]);

/** A signed 32-bit draw as 8 lowercase hex digits. */
function word(x: number): string {
  return BYTE_HEX[(x >>> 24) & 255] + BYTE_HEX[(x >>> 16) & 255] + BYTE_HEX[(x >>> 8) & 255] + BYTE_HEX[x & 255];
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
   * ranges up to 2^32 inlined (the scheduler draws once per tied node; same values, no wrappers).
   */
  int(min: number, max: number): number {
    const size = max - min + 1;
    if (size > 4294967296) return uniformInt(this.gen, min, max);
    const maxAllowed = size > 2 ? Math.floor(4294967296 / size) * size : 4294967296;
    const gen = this.gen;
    let v = gen.next() + 2147483648;
    while (v >= maxAllowed) v = gen.next() + 2147483648;
    return (v % size) + min;
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
    // 128 random bits from four 32-bit draws; one draw per 8 hex digits instead of one per digit.
    const w = `${word(this.gen.next())}${word(this.gen.next())}${word(this.gen.next())}${word(this.gen.next())}`;
    const variant = HEX[8 + (HEX.indexOf(w[16]) & 3)];
    return `${w.slice(0, 8)}-${w.slice(8, 12)}-4${w.slice(13, 16)}-${variant}${w.slice(17, 20)}-${w.slice(20, 32)}`;
  }
}
