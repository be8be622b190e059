/**
 * A port of Go's `text/tabwriter` for the settings kubectl uses: cells end with `\t`, the last
 * cell of a line is not aligned, a column block is a run of consecutive lines that have that
 * column, padding with spaces, left alignment.
 * @see go src/text/tabwriter/tabwriter.go; kubectl printers.GetNewTabWriter (minwidth 6, padding 3,
 *   flags RememberWidths of github.com/liggitt/tabwriter)
 */

interface Cell {
  readonly text: string;
  readonly width: number;
}

/**
 * Aligns tab-separated text. `padding` is 3 for `get` tables (with `minwidth` 6) and 2 for
 * `describe`. With `remembered` (liggitt/tabwriter's RememberWidths, kept by the caller across
 * flushes), a column is never narrower than it was in an earlier flush, and its widths grow.
 */
export function tabwrite(text: string, padding: number, minwidth = 0, remembered?: number[]): string {
  const rawLines = text.split('\n');
  const trailingNewline = rawLines[rawLines.length - 1] === '';
  if (trailingNewline) rawLines.pop();
  const lines: Cell[][] = rawLines.map((l) => l.split('\t').map((t) => ({ text: t, width: [...t].length })));
  const out: string[] = [];
  const widths: number[] = [];
  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let s = '';
      lines[i].forEach((c, j) => {
        s += c.text;
        if (j < widths.length && j < lines[i].length - 1) s += ' '.repeat(Math.max(0, widths[j] - c.width));
      });
      out.push(s);
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      writeLines(start, cur);
      start = cur;
      let width = minwidth;
      for (; cur < line1; cur++) {
        const line = lines[cur];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + padding);
      }
      if (remembered) {
        while (remembered.length < widths.length) remembered.push(widths[remembered.length]);
        if (remembered.length === widths.length) remembered.push(width);
        else if (remembered[widths.length] > width) width = remembered[widths.length];
        else remembered[widths.length] = width;
      }
      widths.push(width);
      format(start, cur);
      widths.pop();
      start = cur;
      cur--;
    }
    writeLines(start, line1);
  };
  format(0, lines.length);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}

/** Tabwrites sections separately (describe flushes its writer before the Events table). */
export function tabwriteSections(sections: readonly string[], padding: number): string {
  return sections.map((s) => tabwrite(s, padding)).join('');
}
