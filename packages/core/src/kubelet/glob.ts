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

/** The regular expression of one path segment's pattern. */
function segmentRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += ch.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
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
