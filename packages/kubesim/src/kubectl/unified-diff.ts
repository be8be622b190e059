/**
 * GNU `diff -u` of two texts: hunks of changed lines with three lines of context, deletions
 * before insertions within a change, and GNU's hunk headers (`@@ -l,n +l,n @@`, the count left out
 * when it is 1, `l,0` naming the line before an empty range). A longest common subsequence finds
 * the edit; manifests are small enough for its quadratic table.
 * @see GNU diffutils src/context.c (print_unidiff_number_range)
 */

type Op = '=' | '-' | '+';

/** The edit from `a` to `b`, line by line. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..], one flat row-major table.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const w = m + 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push('=');
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
      ops.push('-');
      i++;
    } else {
      ops.push('+');
      j++;
    }
  }
  return ops;
}

/** `print_unidiff_number_range`: `start,count`, or `start` alone for a count of 1. */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The hunks of `diff -u` between two lists of lines ('' when they are equal). */
export function unifiedHunks(a: readonly string[], b: readonly string[], context = 3): string {
  const ops = editScript(a, b);
  // Positions (in ops) of changed lines, grouped into hunks whose context would touch.
  const changed: number[] = [];
  ops.forEach((op, k) => {
    if (op !== '=') changed.push(k);
  });
  if (changed.length === 0) return '';
  const groups: [number, number][] = [];
  for (const k of changed) {
    const last = groups[groups.length - 1];
    if (last && k - last[1] <= 2 * context + 1) last[1] = k;
    else groups.push([k, k]);
  }
  // Line numbers in a and b before each op.
  const aLine: number[] = [];
  const bLine: number[] = [];
  let ai = 0;
  let bi = 0;
  for (const op of ops) {
    aLine.push(ai);
    bLine.push(bi);
    if (op !== '+') ai++;
    if (op !== '-') bi++;
  }
  let out = '';
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    let aCount = 0;
    let bCount = 0;
    let body = '';
    for (let k = from; k <= to; k++) {
      const op = ops[k];
      if (op === '=') {
        body += ` ${a[aLine[k]]}\n`;
        aCount++;
        bCount++;
      } else if (op === '-') {
        body += `-${a[aLine[k]]}\n`;
        aCount++;
      } else {
        body += `+${b[bLine[k]]}\n`;
        bCount++;
      }
    }
    out += `@@ -${range(aLine[from] + 1, aCount)} +${range(bLine[from] + 1, bCount)} @@\n${body}`;
  }
  return out;
}

/** Lines of a text ending in a newline (none for the empty text). */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
