import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import { StatusError } from './errors.js';
import { ManifestError, parseManifests } from './manifest.js';
import type { MutableObject } from './strategy.js';
import {
  claimManifest,
  deploymentManifest,
  podManifest,
  serviceManifest,
  statefulSetManifest,
  storageClassManifest,
  volumeManifest,
} from './validation/testing.js';

const SEED = 133;
const BUILDERS: readonly (() => MutableObject)[] = [deploymentManifest, statefulSetManifest, podManifest, claimManifest, volumeManifest, storageClassManifest, serviceManifest];

/** Every path of plain-object/array nodes in a manifest (excluding apiVersion/kind). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => (prefix.length === 0 && (k === 'apiVersion' || k === 'kind') ? [] : paths(v, [...prefix, k])))];
}

function setPath(obj: MutableObject, path: (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = obj;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

const jsonValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', 'x', '1Gi', 'Always', 'ReadWriteOnce', 'a b'),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null]),
  fc.constant([{}]),
  fc.constant({ a: null }),
);

describe('API server robustness', () => {
  it('create with one field replaced by any JSON value either succeeds or throws a StatusError', () => {
    fc.assert(
      fc.property(fc.nat(BUILDERS.length - 1), fc.nat(), jsonValue, (b, p, value) => {
        const obj = (BUILDERS[b] as () => MutableObject)();
        const all = paths(obj).filter((x) => x.length > 0);
        setPath(obj, all[p % all.length] as (string | number)[], value);
        const c = new CoreCluster();
        try {
          c.api.create(obj);
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
          expect(['Invalid', 'BadRequest', 'NotFound']).toContain(e.reason);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('parseManifests returns objects or throws a ManifestError for any text', () => {
    const yamlish = fc.array(fc.constantFrom('a', ':', ' ', '\n', '-', '[', ']', '{', '}', '"', "'", '&x', '*x', '#', '\t', 'kind: Pod', '---', '0', 'true', '!!binary', '|', '>'), { maxLength: 40 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 60 })), (text) => {
        try {
          const objs = parseManifests(text);
          for (const o of objs) expect(typeof o.kind).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(ManifestError);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
