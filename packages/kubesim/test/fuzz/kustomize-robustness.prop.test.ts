/**
 * kustomize never crashes on what a user writes: random kustomizations (known fields with good
 * and bad values, unknown fields, bases, generators, patches) build or fail in kustomize's words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CHAPTER_MANIFESTS as m, createCluster } from 'kubesim';

const SEED = 20261129;

const JS_CRASH = /Cannot read propert|is not a function|is not iterable|of undefined|of null|Maximum call stack|\[object Object\]|Invalid (array|string) length|is not defined|Cannot convert/;

const ANY = fc.constantFrom<unknown>(null, 0, -1, 'x', '', true, [], {}, ['x'], { a: 1 }, [{}], [null], [1]);

/** One field of a kustomization with a plausible, or a wrong, value. */
const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  resources: fc.constantFrom(['deploy.yaml'], ['deploy.yaml', 'pvc.yaml'], ['../base'], ['missing.yaml'], ['deploy.yaml', 'deploy.yaml'], ['.'], []),
  namespace: fc.constantFrom('dev', 'Bad_NS', ''),
  namePrefix: fc.constantFrom('p-', 'UP-', ''),
  nameSuffix: fc.constantFrom('-s', ''),
  commonLabels: fc.constantFrom({ env: 'dev' }, { 'bad key': 'x' }, {}),
  labels: fc.constantFrom([{ pairs: { tier: 'web' }, includeSelectors: true }], [{ pairs: { tier: 'web' } }], [{ pairs: null }]),
  commonAnnotations: fc.constantFrom({ note: 'x' }, { n: 1 }),
  images: fc.constantFrom([{ name: 'errm/randserver', newTag: 'v2' }], [{ name: 'x', newName: 'y', digest: 'sha256:abc' }], [{}]),
  replicas: fc.constantFrom([{ name: 'randserver', count: 3 }], [{ name: 'nope', count: 1 }], [{ name: 'randserver', count: -1 }]),
  configMapGenerator: fc.constantFrom([{ name: 'cfg', literals: ['A=1', 'B=2'] }], [{ name: 'cfg', files: ['data.txt'] }], [{ name: 'cfg', envs: ['app.env'] }], [{ name: 'cfg', literals: ['bad'] }], [{ name: 'cfg', behavior: 'merge' }], [{}]),
  secretGenerator: fc.constantFrom([{ name: 'sec', literals: ['password=s3cret'] }], [{ name: 'sec', type: 'kubernetes.io/tls', literals: ['a=b'] }], [{ name: '' }]),
  generatorOptions: fc.constantFrom({ disableNameSuffixHash: true }, { labels: { g: 'x' } }, { disableNameSuffixHash: 'yes' }),
  patches: fc.constantFrom(
    [{ path: 'patch.yaml' }],
    [{ patch: '[{"op":"replace","path":"/spec/replicas","value":2}]', target: { kind: 'Deployment' } }],
    [{ patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: randserver\nspec:\n  replicas: 5\n' }],
    [{ patch: '[{"op":"remove","path":"/nope"}]', target: { kind: 'Deployment' } }],
    [{ patch: 'kind: Deployment\nmetadata:\n  name: other\n' }],
    [{ target: { kind: 'Deployment' } }],
  ),
  patchesStrategicMerge: fc.constantFrom(['patch.yaml'], ['missing.yaml']),
  helmCharts: fc.constantFrom([{ name: 'x' }]),
  nonsense: fc.constantFrom(1),
};

const kustomization = fc
  .uniqueArray(fc.constantFrom(...Object.keys(FIELDS)), { minLength: 1, maxLength: 6 })
  .chain((keys) => fc.tuple(...keys.map((k) => fc.oneof({ weight: 4, arbitrary: FIELDS[k] }, { weight: 1, arbitrary: ANY }).map((v) => [k, v] as const))))
  .map((entries) => Object.fromEntries(entries));

describe('kustomize on random kustomizations', () => {
  it('builds or fails with a message, never an engine error', () => {
    console.log(`fuzz kustomize-robustness: SEED=${SEED}`);
    fc.assert(
      fc.property(kustomization, (k) => {
        const c = createCluster({
          seed: 2,
          files: {
            'kz/kustomization.yaml': stringify(k),
            'kz/deploy.yaml': m['04-randserver-pvc.yaml'],
            'kz/pvc.yaml': m['03-pvc-randserver-data.yaml'],
            'kz/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: randserver\nspec:\n  replicas: 4\n',
            'kz/data.txt': 'hello\n',
            'kz/app.env': 'A=1\n# c\nB\n',
            'base/kustomization.yaml': 'resources:\n- pvc.yaml\n',
            'base/pvc.yaml': m['03-pvc-randserver-data.yaml'],
          },
        });
        for (const line of ['kustomize kz', 'apply -k kz', 'get -k kz', 'delete -k kz']) {
          const r = c.kubectl(line);
          if (r.exitCode !== 0) expect(r.stderr.length, `${line}\n${stringify(k)}`).toBeGreaterThan(0);
          expect(`${r.stdout}${r.stderr}`, `${line}\n${stringify(k)}`).not.toMatch(JS_CRASH);
        }
      }),
      { seed: Number(process.env.KUSTOMIZE_FUZZ_SEED ?? SEED), numRuns: Number(process.env.KUSTOMIZE_FUZZ_RUNS ?? 200) },
    );
  });
});
