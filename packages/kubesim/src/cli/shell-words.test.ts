import { describe, expect, it } from 'vitest';
import { quoteShellWord, ShellSyntaxError, splitShellWords } from './shell-words.js';

describe('splitShellWords', () => {
  it('splits on blanks and keeps --flag=value whole', () => {
    expect(splitShellWords('get pods  -l app=randserver -o=json')).toEqual(['get', 'pods', '-l', 'app=randserver', '-o=json']);
  });
  it('honours single and double quotes and backslashes', () => {
    expect(splitShellWords(`exec web -- sh -c 'echo hi > /data/a' "x \\"y\\"" a\\ b`)).toEqual([
      'exec', 'web', '--', 'sh', '-c', 'echo hi > /data/a', 'x "y"', 'a b',
    ]);
  });
  it('keeps empty quoted words', () => {
    expect(splitShellWords(`a '' ""`)).toEqual(['a', '', '']);
  });
  it('rejects an unterminated quote', () => {
    expect(() => splitShellWords(`get 'pods`)).toThrow(ShellSyntaxError);
  });
  it('quoteShellWord round-trips', () => {
    for (const w of ['plain', 'with space', "it's", '', 'jsonpath={.items[*].metadata.name}']) {
      expect(splitShellWords(quoteShellWord(w))).toEqual([w]);
    }
  });
});
