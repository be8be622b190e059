import { describe, expect, it } from 'vitest';
import { tabwrite } from './tabwriter.js';

describe('tabwrite (Go text/tabwriter, padding 3)', () => {
  it('aligns columns to the widest cell plus padding; the last cell is not padded', () => {
    expect(tabwrite('NAME\tREADY\tAGE\nrandserver-0\t1/1\t5s\n', 3)).toBe('NAME           READY   AGE\nrandserver-0   1/1     5s\n');
  });

  it('a line without tabs ends the column block (describe sections align separately)', () => {
    const text = 'Name:\tx\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tStatefulSet/web\n';
    expect(tabwrite(text, 2)).toBe('Name:  x\nIPs:\n  IP:           10.0.0.1\nControlled By:  StatefulSet/web\n');
  });

  it('an empty leading cell pads to the column (multi-line labels)', () => {
    expect(tabwrite('Labels:\ta=1\n\tb=2\nStatus:\tRunning\n', 2)).toBe('Labels:  a=1\n         b=2\nStatus:  Running\n');
  });

  it('nested blocks: a column ends where a shorter line begins', () => {
    const text = 'a\tbb\tc\naaaa\tb\nx\n';
    expect(tabwrite(text, 1)).toBe('a    bb c\naaaa b\nx\n');
  });

  it('minwidth: a column is at least that wide, padding included (kubectl: 6)', () => {
    expect(tabwrite('A\tB\nx\ty\n', 3, 6)).toBe('A     B\nx     y\n');
  });

  it('remembered widths (liggitt/tabwriter RememberWidths): later flushes never narrow a column, and widen it', () => {
    const widths: number[] = [];
    expect(tabwrite('NAME\tSTATUS\tAGE\nab\tRunning\t1s\n', 3, 6, widths)).toBe('NAME   STATUS    AGE\nab     Running   1s\n');
    expect(tabwrite('a\tok\t2s\n', 3, 6, widths)).toBe('a      ok        2s\n');
    expect(tabwrite('a\tContainerCreating\t3s\n', 3, 6, widths)).toBe('a      ContainerCreating   3s\n');
    expect(tabwrite('a\tok\t4s\n', 3, 6, widths)).toBe('a      ok                  4s\n');
    expect(widths).toEqual([7, 20]);
  });
});
