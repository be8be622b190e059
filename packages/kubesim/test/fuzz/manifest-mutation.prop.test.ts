/**
 * Mutated manifests never crash the simulation: the chapter's objects with one field changed to a
 * value of another type, emptied or removed are either refused by the API server in its words or
 * accepted and then run by the controllers, kubelets and scheduler for a few virtual minutes
 * without a thrown exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CHAPTER_MANIFESTS, createCluster } from 'kubesim';

const SEED = 20261129;

const JS_CRASH = /Cannot read propert|is not a function|is not iterable|of undefined|of null|Maximum call stack|\[object Object\]|Invalid (array|string) length|is not defined|Cannot convert/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every object of the chapter's manifests (the first, refused one included). */
const OBJECTS: Json[] = Object.values(CHAPTER_MANIFESTS).flatMap((text) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Json)
    .filter((o) => o !== null),
);

/** Paths to every value of `o` (keys and indexes). */
function paths(o: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(o)) for (let i = 0; i < o.length; i++) out.push(...paths(o[i], [...prefix, i]));
  else if (o !== null && typeof o === 'object') for (const [k, v] of Object.entries(o)) out.push(...paths(v, [...prefix, k]));
  return out;
}

const REPLACEMENTS: (Json | undefined)[] = [
  undefined, null, 0, -1, 1.5, 1e21, 2, 3, '', 'x', 'UPPER', 'a/b', '100Gi', '-5Gi', '1Ti', '0', '3', 'true', true, false, [], {}, ['x'], { x: 1 },
  // Values that pass validation somewhere and take the controllers down other roads.
  'ReadWriteMany', 'ReadWriteOncePod', 'Retain', 'Delete', 'WaitForFirstConsumer', 'io2', 'sc1', 'us-east-1b', 'OrderedReady', 'Parallel', 'OnDelete', 'Recreate',
  'busybox', 'nginx', { matchLabels: {} }, { app: 'other' }, [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1b'] }],
];

/** `o` with the value at `path` replaced (undefined: removed). */
function mutate(o: Json, path: (string | number)[], value: Json | undefined): Json | undefined {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(o)) {
    const copy = [...o];
    const next = mutate(copy[head as number], rest, value);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(o as Record<string, Json>) };
  const next = mutate(copy[head as string], rest, value);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

const mutation = fc
  .constantFrom(...OBJECTS.keys())
  .chain((i) => fc.tuple(fc.constant(i), fc.constantFrom(...paths(OBJECTS[i]).slice(1)), fc.constantFrom(...REPLACEMENTS)))
  .map(([i, path, value]) => ({ path: path.join('.'), object: mutate(OBJECTS[i], path, value) }));

describe('mutated chapter manifests', () => {
  it('are refused in the API server\'s words or run for five virtual minutes without an exception', () => {
    console.log(`fuzz manifest-mutation: SEED=${SEED}`);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const c = createCluster({ seed: 5 });
        c.kubectl('apply -f -', { stdin: CHAPTER_MANIFESTS['05-storageclass-general-purpose.yaml'] });
        for (const { path, object } of mutations) {
          const r = c.kubectl('apply -f -', { stdin: JSON.stringify(object) });
          if (r.exitCode !== 0) expect(r.stderr.length, path).toBeGreaterThan(0);
          expect(`${r.stdout}${r.stderr}`, path).not.toMatch(JS_CRASH);
        }
        c.advance('5m');
        for (const line of ['get all,pvc,pv -A -o wide', 'describe pods', 'describe pvc', 'get events -A']) {
          expect(`${c.kubectl(line).stderr}`, line).not.toMatch(JS_CRASH);
        }
      }),
      { seed: Number(process.env.MANIFEST_FUZZ_SEED ?? SEED), numRuns: Number(process.env.MANIFEST_FUZZ_RUNS ?? 150) },
    );
  });
});
