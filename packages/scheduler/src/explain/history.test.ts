import { describe, expect, it } from 'vitest';
import { type AttemptInput, ExplainHistory } from './history.js';

const attempt = (n: number, node?: string): AttemptInput => ({
  attempt: n,
  atMs: n * 1000,
  result: node ? 'Scheduled' : 'Unschedulable',
  node,
  message: node ? undefined : `try ${n}`,
  numAllNodes: 3,
  evaluatedNodes: 3,
  feasibleNodes: node ? 1 : 0,
  filtered: [],
  scorePlugins: ['P'],
  scoreRows: node ? [node, 7, 7] : [],
});
const time = (ms: number) => `t${ms}`;

describe('ExplainHistory', () => {
  it.each([1, 2])('keeps the last %i attempts of a pod, oldest first', (limit) => {
    const h = new ExplainHistory(limit);
    for (let n = 1; n <= 3; n++) h.record('default/p', attempt(n, n === 3 ? 'n1' : undefined));
    h.record('default/q', attempt(1));
    expect(h.get('default/p', time).map((a) => a.attempt)).toEqual(limit === 1 ? [3] : [2, 3]);
    expect(h.get('default/p', time).at(-1)).toMatchObject({ result: 'Scheduled', node: 'n1', time: 't3000', scores: [{ node: 'n1', total: 7, plugins: { P: 7 } }] });
    expect(h.get('default/q', time).map((a) => a.message)).toEqual(['try 1']);
    h.amendLast('default/p', { result: 'BindingFailed', message: 'gone' });
    expect(h.get('default/p', time).at(-1)).toMatchObject({ result: 'BindingFailed', node: 'n1', message: 'gone' });
    h.forget('default/p');
    expect(h.get('default/p', time)).toEqual([]);
  });

  it('keeps nothing with a limit of 0', () => {
    const h = new ExplainHistory(0);
    h.record('default/p', attempt(1));
    expect(h.get('default/p', time)).toEqual([]);
  });
});
