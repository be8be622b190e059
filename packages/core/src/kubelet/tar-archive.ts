/**
 * The ustar archive format (POSIX.1-1988 headers, as Go's `archive/tar` and busybox write them),
 * over byte strings: one character per byte (0–255), the form standard input and output carry
 * through `kubectl exec`. File contents are text, stored as UTF-8.
 * @see https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06
 */

/** One archive member. */
export interface TarEntry {
  /** The member name (a directory's ends with `/`). */
  readonly name: string;
  readonly type: 'file' | 'dir';
  /** A file's text. */
  readonly content: string;
  /** Permission bits (0644, 0755). */
  readonly mode: number;
  /** Modification time, Unix seconds. */
  readonly mtime: number;
}

const BLOCK = 512;

/** `text` as UTF-8, one character per byte. */
export function utf8ByteString(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** The text whose UTF-8 is the byte string `bytes` (invalid sequences as U+FFFD). */
export function fromUtf8ByteString(bytes: string): string {
  const arr = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i) & 0xff;
  return new TextDecoder().decode(arr);
}

/** An octal field of `width` bytes: zero-padded digits and a NUL. */
function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** `s` cut or NUL-padded to `width` bytes. */
function field(s: string, width: number): string {
  return s.slice(0, width).padEnd(width, '\0');
}

/** Splits a name longer than 100 bytes into ustar's prefix (at a `/`) and name; undefined when it cannot. */
function splitName(name: string): [string, string] | undefined {
  if (name.length <= 100) return ['', name];
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] === '/' && i <= 155 && name.length - i - 1 <= 100 && name.length - i - 1 > 0) return [name.slice(0, i), name.slice(i + 1)];
  }
  return undefined;
}

/** The 512-byte header of `entry` whose data is `size` bytes. Throws for a name ustar cannot hold. */
function header(entry: TarEntry, size: number): string {
  const nameBytes = utf8ByteString(entry.name);
  const split = splitName(nameBytes);
  if (split === undefined) throw new Error(`tar: name too long: ${entry.name}`);
  const [prefix, name] = split;
  const typeflag = entry.type === 'dir' ? '5' : '0';
  const parts = [
    field(name, 100),
    octal(entry.mode, 8),
    octal(0, 8),
    octal(0, 8),
    octal(size, 12),
    octal(entry.mtime, 12),
    '        ',
    typeflag,
    field('', 100),
    'ustar\x0000',
    field('root', 32),
    field('root', 32),
    octal(0, 8),
    octal(0, 8),
    field(prefix, 155),
  ];
  const h = parts.join('').padEnd(BLOCK, '\0');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h.charCodeAt(i);
  return `${h.slice(0, 148)}${sum.toString(8).padStart(6, '0')}\0 ${h.slice(156)}`;
}

/** An archive of `entries`, ended by two zero blocks. */
export function writeTar(entries: readonly TarEntry[]): string {
  let out = '';
  for (const e of entries) {
    const data = e.type === 'file' ? utf8ByteString(e.content) : '';
    out += header(e, data.length) + data + '\0'.repeat((BLOCK - (data.length % BLOCK)) % BLOCK);
  }
  return out + '\0'.repeat(2 * BLOCK);
}

/** Why an archive could not be read. */
export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
}

/** A NUL-terminated string field. */
function readField(h: string, at: number, width: number): string {
  const s = h.slice(at, at + width);
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function readOctal(h: string, at: number, width: number): number {
  const s = readField(h, at, width).trim();
  return s === '' ? 0 : Number.parseInt(s, 8);
}

/**
 * The members of an archive, up to its end blocks (or the end of the data). Throws
 * `TarFormatError` for a header whose checksum does not add up or data cut short.
 */
export function readTar(bytes: string): TarEntry[] {
  const out: TarEntry[] = [];
  for (let at = 0; at + BLOCK <= bytes.length; ) {
    const h = bytes.slice(at, at + BLOCK);
    if (/^\0*$/.test(h)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h.charCodeAt(i);
    if (sum !== readOctal(h, 148, 8)) throw new TarFormatError('invalid tar header checksum');
    const size = readOctal(h, 124, 12);
    const typeflag = h[156];
    const prefix = readField(h, 345, 155);
    const rawName = (prefix ? `${prefix}/` : '') + readField(h, 0, 100);
    const dataAt = at + BLOCK;
    if (dataAt + size > bytes.length) throw new TarFormatError('unexpected EOF');
    const name = fromUtf8ByteString(rawName);
    const dir = typeflag === '5' || ((typeflag === '0' || typeflag === '\0') && name.endsWith('/'));
    if (dir || typeflag === '0' || typeflag === '\0' || typeflag === '7') {
      out.push({
        name,
        type: dir ? 'dir' : 'file',
        content: dir ? '' : fromUtf8ByteString(bytes.slice(dataAt, dataAt + size)),
        mode: readOctal(h, 100, 8),
        mtime: readOctal(h, 136, 12),
      });
    }
    at = dataAt + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}
