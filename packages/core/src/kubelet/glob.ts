/**
 * Pathname expansion as busybox `sh` does it: an unquoted word with `*`, `?` or `[…]` becomes the
 * sorted paths that match it, segment by segment (a leading `.` only matched by a pattern that
 * starts with one); a pattern that matches nothing stays as written.
 * @see POSIX Shell Command Language 2.13 (Pattern Matching Notation), busybox shell/ash.c expmeta
 */
import type { ContainerFilesystem } from './container-fs.js';

/** Whether a word holds a pattern character. */
export function hasGlob(word: string): boolean {
  return /[*?[]/.test(word);
}

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A shell pattern's regular expression source (no anchors): `*` and `?` over `any` (`[^/]` in a
 * path segment, `.` elsewhere), `[…]` bracket expressions (`!` negates), `\x` a literal `x`. A
 * bracket expression that is not a valid set (`[z-a]`) stands for its characters, as a pattern
 * that matches nothing better does in the shell.
 */
export function patternSource(pattern: string, any = '.'): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') re += `${any}*`;
    else if (ch === '?') re += any;
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      const set = close < 0 ? undefined : `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      if (set !== undefined && isValidSet(set)) {
        re += set;
        i = close;
      } else re += '\\[';
    } else if (ch === '\\' && i + 1 < pattern.length) re += escapeRegExp(pattern[++i]);
    else re += escapeRegExp(ch);
  }
  return re;
}

function isValidSet(set: string): boolean {
  try {
    new RegExp(set);
    return true;
  } catch {
    return false;
  }
}

/** The regular expression of one path segment's pattern. */
function segmentRegExp(pattern: string): RegExp {
  return new RegExp(`^${patternSource(pattern, '[^/]')}$`);
}

/** The paths `word` expands to (sorted), or `[word]` when nothing matches. */
export function expandGlob(fs: ContainerFilesystem, word: string): string[] {
  if (!hasGlob(word)) return [word];
  const absolute = word.startsWith('/');
  const segments = word.split('/').filter((s, i) => s !== '' || i === 0);
  let paths = [absolute ? '' : '.'];
  for (const segment of absolute ? segments.slice(1) : segments) {
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === '' ? '/' : base;
      if (!hasGlob(segment)) {
        const path = base === '.' ? segment : `${base}/${segment}`;
        if (fs.exists(path)) next.push(path);
        continue;
      }
      if (!fs.exists(dir) || !fs.isDirectory(dir)) continue;
      const re = segmentRegExp(segment);
      for (const name of fs.list(dir)) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (re.test(name)) next.push(base === '.' ? name : `${base}/${name}`);
      }
    }
    paths = next;
    if (paths.length === 0) return [word];
  }
  return paths.sort();
}
