/**
 * The correlator's LRU against a trivial model (an array, least recently used first): after any
 * sequence of lookups and additions over a few objects and messages, the same events are
 * remembered, in the same recency order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCache, type EventIdentity } from './correlator.js';

const id = (message: string): EventIdentity => ({ component: 'kubelet', host: 'n1', kind: 'Pod', namespace: 'default', name: 'p', type: 'Normal', reason: 'Pulled', message });

const op = fc.record({ add: fc.boolean(), object: fc.constantFrom('u1', 'u2', 'u3'), message: fc.constantFrom('a', 'b', 'c', 'd') });

describe('EventCache', () => {
  it('remembers what an LRU of the same bound remembers, in the same order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 60 }), (bound, ops) => {
        const cache = new EventCache(bound);
        const model: { key: string; name: string }[] = [];
        let n = 0;
        for (const o of ops) {
          const key = `${o.object}|${o.message}`;
          const at = model.findIndex((e) => e.key === key);
          const got = cache.get(o.object, id(o.message));
          expect(got).toBe(at >= 0 ? model[at].name : undefined);
          if (at >= 0) model.push(...model.splice(at, 1));
          else if (o.add) {
            const name = `e${n++}`;
            cache.add(o.object, id(o.message), name);
            model.push({ key, name });
            if (model.length > bound) model.shift();
          }
        }
        // Every remembered event is found; touching them oldest first keeps the order.
        for (const e of [...model]) {
          const [object, message] = e.key.split('|');
          expect(cache.get(object, id(message))).toBe(e.name);
        }
      }),
    );
  });
});
