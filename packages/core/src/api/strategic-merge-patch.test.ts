import { describe, expect, it } from 'vitest';
import { KIND_SCHEMAS } from './decode/kinds.js';
import { applyStrategicMergePatch, createTwoWayMergePatch, StrategicMergePatchError } from './strategic-merge-patch.js';

const POD = KIND_SCHEMAS.Pod;
const DEPLOYMENT = KIND_SCHEMAS.Deployment;

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const web = { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] };
const side = { name: 'side', image: 'busybox', command: ['sleep', '3600'] };

describe('applyStrategicMergePatch (strategicpatch.StrategicMergeMapPatch)', () => {
  it('merges containers by name: a partial element keeps the fields it does not name', () => {
    const out = applyStrategicMergePatch(pod({ containers: [web, side] }), { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } }, POD);
    expect(out.spec).toEqual({ containers: [{ ...web, image: 'nginx:1.28' }, side] });
  });

  it('appends an element with a new key, deletes one with $patch: delete', () => {
    const added = applyStrategicMergePatch(pod({ containers: [web] }), { spec: { containers: [side] } }, POD);
    expect((added.spec as { containers: unknown[] }).containers).toEqual([web, side]);
    const removed = applyStrategicMergePatch(pod({ containers: [web, side] }), { spec: { containers: [{ name: 'side', $patch: 'delete' }] } }, POD);
    expect((removed.spec as { containers: unknown[] }).containers).toEqual([web]);
  });

  it('merges nested lists by their own keys (env by name, ports by containerPort)', () => {
    const out = applyStrategicMergePatch(pod({ containers: [web] }), { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] }] } }, POD);
    const c = (out.spec as { containers: (typeof web)[] }).containers[0];
    expect(c.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }]);
  });

  it('replaces lists without a merge tag (command, tolerations) whole, and $patch: replace replaces a merged list', () => {
    const tolerations = [{ key: 'a', operator: 'Exists' }];
    const out = applyStrategicMergePatch(pod({ containers: [side], tolerations }), { spec: { tolerations: [{ key: 'b', operator: 'Exists' }], containers: [{ name: 'side', command: ['sh'] }] } }, POD);
    expect((out.spec as { tolerations: unknown }).tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect((out.spec as { containers: (typeof side)[] }).containers[0].command).toEqual(['sh']);
    const replaced = applyStrategicMergePatch(pod({ containers: [web, side] }), { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } }, POD);
    expect((replaced.spec as { containers: unknown[] }).containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('null deletes a key; a map with $patch: delete goes; $patch: replace replaces a map', () => {
    const out = applyStrategicMergePatch(pod({ nodeSelector: { a: '1', b: '2' }, containers: [] }, { name: 'p', labels: { x: '1', y: '2' } }), { metadata: { labels: { x: null } }, spec: { nodeSelector: { $patch: 'replace', c: '3' } } }, POD);
    expect((out.metadata as { labels: unknown }).labels).toEqual({ y: '2' });
    expect((out.spec as { nodeSelector: unknown }).nodeSelector).toEqual({ c: '3' });
    const gone = applyStrategicMergePatch(pod({ nodeSelector: { a: '1' }, containers: [] }), { spec: { nodeSelector: { $patch: 'delete' } } }, POD);
    expect(gone.spec).toEqual({ containers: [] });
  });

  it('merges finalizers as a set and removes with $deleteFromPrimitiveList', () => {
    const meta = { name: 'p', finalizers: ['a', 'b'] };
    const out = applyStrategicMergePatch(pod({}, meta), { metadata: { finalizers: ['b', 'c'], '$deleteFromPrimitiveList/finalizers': ['a'] } }, POD);
    expect((out.metadata as { finalizers: unknown }).finalizers).toEqual(['b', 'c']);
  });

  it('$setElementOrder orders the patched elements and keeps server-only ones where they were', () => {
    const a = { name: 'a', image: 'a' };
    const b = { name: 'b', image: 'b' };
    const c = { name: 'c', image: 'c' };
    const out = applyStrategicMergePatch(pod({ containers: [a, b, c] }), { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }], containers: [{ name: 'a', image: 'a2' }] } }, POD);
    // mergeSortedSlice: server-only b (index 1) goes before c (index 2), the first patched element.
    expect((out.spec as { containers: { name: string }[] }).containers.map((x) => x.name)).toEqual(['b', 'c', 'a']);
    const reordered = applyStrategicMergePatch(pod({ containers: [a, b, c] }), { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'b' }, { name: 'a' }] } }, POD);
    expect((reordered.spec as { containers: { name: string }[] }).containers.map((x) => x.name)).toEqual(['c', 'b', 'a']);
  });

  it('volumes keep only the keys $retainKeys lists (a volume changing its source)', () => {
    const out = applyStrategicMergePatch(pod({ volumes: [{ name: 'data', emptyDir: {} }], containers: [] }), { spec: { volumes: [{ name: 'data', $retainKeys: ['hostPath', 'name'], hostPath: { path: '/d' } }] } }, POD);
    expect((out.spec as { volumes: unknown }).volumes).toEqual([{ name: 'data', hostPath: { path: '/d' } }]);
  });

  it('refuses an element without its merge key and an unknown $patch, in apimachinery words', () => {
    expect(() => applyStrategicMergePatch(pod({ containers: [web] }), { spec: { containers: [{ image: 'x' }] } }, POD)).toThrow(new StrategicMergePatchError('map: map[image:x] does not contain declared merge key: name'));
    expect(() => applyStrategicMergePatch(pod({}), { spec: { $patch: 'drop' } }, POD)).toThrow('Unknown patch type: drop in map: map[$patch:drop]');
  });
});

describe('createTwoWayMergePatch (what kubectl edit sends)', () => {
  const deploy = (containers: unknown[], strategy: unknown = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: { replicas: 1, strategy, template: { metadata: { labels: { app: 'd' } }, spec: { containers } } },
  });

  it('an image change: the element with its merge key, and the list order', () => {
    const patch = createTwoWayMergePatch(deploy([web, side]), deploy([{ ...web, image: 'nginx:1.28' }, side]), DEPLOYMENT);
    expect(patch).toEqual({ spec: { template: { spec: { containers: [{ image: 'nginx:1.28', name: 'web' }], '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }] } } } });
  });

  it('a removed element is a $patch: delete, a removed field null, a changed strategy carries $retainKeys', () => {
    const patch = createTwoWayMergePatch(deploy([web, side]), { ...deploy([web], { type: 'Recreate' }), metadata: {} }, DEPLOYMENT);
    expect(patch).toEqual({
      metadata: { name: null },
      spec: {
        strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' },
        template: { spec: { containers: [{ $patch: 'delete', name: 'side' }], '$setElementOrder/containers': [{ name: 'web' }] } },
      },
    });
  });

  it('round-trips: applying the patch to the original gives the modified object', () => {
    const from = deploy([web, side]);
    const to = deploy([{ ...side, command: ['sh', '-c', 'true'] }, { ...web, env: [{ name: 'B', value: '2' }], ports: [] }]);
    const patch = createTwoWayMergePatch(from, to, DEPLOYMENT) ?? {};
    expect(applyStrategicMergePatch(from, patch, DEPLOYMENT)).toEqual(to);
    expect(createTwoWayMergePatch(from, from, DEPLOYMENT)).toBeUndefined();
  });
});
