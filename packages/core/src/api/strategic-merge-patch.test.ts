import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { KIND_SCHEMAS } from './decode/kinds.js';
import { any, list, mergeList, retainKeys, type Schema, stringMap, struct } from './decode/schema.js';
import { applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch, StrategicMergePatchError } from './strategic-merge-patch.js';

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

/**
 * apimachinery's test type (`patch_test.go` `MergeItem`, `RetainKeysMergeItem`): merging and
 * non-merging lists of items and ints, a plain map and a retainKeys struct.
 */
const MERGE_ITEM: Schema = struct('MergeItem', {
  name: any,
  value: any,
  other: any,
  get mergingList() {
    return mergeList(MERGE_ITEM, 'name');
  },
  get nonMergingList() {
    return list(MERGE_ITEM);
  },
  mergingIntList: list(any, { strategy: 'merge' }),
  nonMergingIntList: list(any),
  simpleMap: stringMap,
  retainKeysMap: retainKeys(
    struct('RetainKeysMergeItem', {
      name: any,
      value: any,
      other: any,
      simpleMap: stringMap,
      mergingIntList: list(any, { strategy: 'merge' }),
      get mergingList() {
        return mergeList(MERGE_ITEM, 'name');
      },
      get nonMergingList() {
        return list(MERGE_ITEM);
      },
    }),
  ),
  get retainKeysMergingList() {
    return mergeList(MERGE_ITEM, 'name', 'merge,retainKeys');
  },
});

/** Cases of `createStrategicMergePatchTestCaseData` and `strategicMergePatchRawTestCases`, by their upstream description. */
const THREE_WAY_CASES: Record<string, string> = {
  'nil original': `
modified: {name: 1, value: 1}
current: {name: 1, other: a}
threeWay: {value: 1}
result: {name: 1, value: 1, other: a}`,
  'add field to map with conflict': `
original: {name: 1}
modified: {name: 1, value: 1}
current: {name: a, other: a}
threeWay: {name: 1, value: 1}
result: {name: 1, value: 1, other: a}`,
  'add field and delete field from map with conflict': `
original: {name: 1}
modified: {value: 1}
current: {name: a, other: a}
threeWay: {name: null, value: 1}
result: {value: 1, other: a}`,
  'delete field from nested map with conflict': `
original: {simpleMap: {key1: 1, key2: 1}}
modified: {simpleMap: {key1: 1}}
current: {simpleMap: {key1: a, key2: 1, other: a}}
threeWay: {simpleMap: {key1: 1, key2: null}}
result: {simpleMap: {key1: 1, other: a}}`,
  'add field and delete all fields from map with conflict': `
original: {name: 1, value: 1}
modified: {other: a}
current: {name: 1, value: 1, other: b}
threeWay: {name: null, value: null, other: a}
result: {other: a}`,
  'replace list of scalars with conflict': `
original: {nonMergingIntList: [1, 2]}
modified: {nonMergingIntList: [2, 3]}
current: {nonMergingIntList: [1, 4]}
threeWay: {nonMergingIntList: [2, 3]}
result: {nonMergingIntList: [2, 3]}`,
  'delete all maps from merging list with conflict': `
original: {mergingList: [{name: 1}, {name: 2}]}
modified: {mergingList: []}
current: {mergingList: [{name: 1, other: a}, {name: 2, other: b}]}
threeWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
result: {mergingList: []}`,
  'delete all maps from empty merging list': `
original: {mergingList: [{name: 1}, {name: 2}]}
modified: {mergingList: []}
current: {mergingList: []}
threeWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
result: {mergingList: []}`,
  'merge empty merging lists': `
original: {mergingList: []}
modified: {mergingList: []}
current: {mergingList: []}
threeWay: {}
result: {mergingList: []}`,
  'defined null values should propagate overwrite current fields (with conflict)': `
original: {name: 2}
modified: {name: 1, value: 1, other: null}
current: {name: a, other: a}
threeWay: {name: 1, value: 1, other: null}
result: {name: 1, value: 1}`,
  'defined null values should propagate removing original fields': `
original: {name: original-name, value: original-value}
modified: {name: modified-name, value: null}
current: {name: original-name, value: original-value, other: current-other}
threeWay: {name: modified-name, value: null}
result: {name: modified-name, other: current-other}`,
  'retainKeys map with no change should not be present': `
original: {name: a, retainKeysMap: {name: foo}}
modified: {name: a, value: b, retainKeysMap: {name: foo}}
current: {name: a, other: c, retainKeysMap: {name: foo}}
threeWay: {value: b}
result: {name: a, value: b, other: c, retainKeysMap: {name: foo}}`,
  'delete items in lists of scalars': `
original: {mergingIntList: [1, 2, 3]}
modified: {mergingIntList: [1, 2]}
current: {mergingIntList: [1, 2, 3, 4]}
threeWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
result: {mergingIntList: [1, 2, 4]}`,
  'add and delete items in lists of scalars': `
original: {mergingIntList: [1, 2, 3]}
modified: {mergingIntList: [1, 2, 4]}
current: {mergingIntList: [1, 2, 3, 4]}
threeWay: {$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3]}
result: {mergingIntList: [1, 2, 4]}`,
  'merge lists of maps with conflict': `
original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
modified: {mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]}
current: {mergingList: [{name: 1, other: a}, {name: 2, value: 3, other: b}]}
threeWay:
  $setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]
  mergingList: [{name: 2, value: 2}, {name: 3, value: 3}]
result: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}`,
  'add field to map in merging list with conflict': `
original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
modified: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
current: {mergingList: [{name: 1, other: a}, {name: 3, value: 2, other: b}]}
threeWay:
  $setElementOrder/mergingList: [{name: 1}, {name: 2}]
  mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
result: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2}, {name: 3, value: 2, other: b}]}`,
  'add duplicate field to map in merging list': `
original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
modified: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
current: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
threeWay: {}
result: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}`,
  'add an item that already exists in current object in merging list': `
original: {mergingList: [{name: 1, value: a}, {name: 2}]}
modified: {mergingList: [{name: 1, value: a}, {name: 2}, {name: 3}]}
current: {mergingList: [{name: 1, value: a, other: x}, {name: 2}, {name: 3}]}
threeWay: {}
result: {mergingList: [{name: 1, value: a, other: x}, {name: 2}, {name: 3}]}`,
  'delete missing map from merging list with conflict': `
original: {mergingList: [{name: 1}, {name: 2}]}
modified: {mergingList: [{name: 2}]}
current: {mergingList: [{name: 3, other: a}]}
threeWay:
  $setElementOrder/mergingList: [{name: 2}]
  mergingList: [{name: 2}, {name: 1, $patch: delete}]
result: {mergingList: [{name: 2}, {name: 3, other: a}]}`,
  'add map and delete map from merging list with conflict': `
original: {mergingList: [{name: 1}, {name: 2}]}
modified: {mergingList: [{name: 2}, {name: 3}]}
current: {mergingList: [{name: 1, other: a}, {name: 4, other: c}]}
threeWay:
  $setElementOrder/mergingList: [{name: 2}, {name: 3}]
  mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]`,
  // Upstream's result puts the server-only {name: 4} first only through Go slice aliasing in
  // mergeSlice (the deletion rewrites the live list the order is read from); the patch is the point here.
  'delete missing field from map in merging list with conflict': `
original: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
modified: {mergingList: [{name: 1}, {name: 2, value: 2}]}
current: {mergingList: [{name: 1, other: a}, {name: 2, other: b}]}
threeWay:
  $setElementOrder/mergingList: [{name: 1}, {name: 2}]
  mergingList: [{name: 1, value: null}, {name: 2, value: 2}]
result: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}`,
  'replace non merging list nested in merging list with deletion conflict': `
original: {mergingList: [{name: 1, nonMergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}
modified: {mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}, {name: 2}]}
current: {mergingList: [{name: 1, other: a, nonMergingList: [{name: 2, value: 2}]}, {name: 2, other: b}]}
threeWay:
  $setElementOrder/mergingList: [{name: 1}, {name: 2}]
  mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}]
result: {mergingList: [{name: 1, other: a, nonMergingList: [{name: 1, value: 1}]}, {name: 2, other: b}]}`,
  'add field to map in merging list nested in merging list with value conflict': `
original: {mergingList: [{name: 1, mergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}
modified: {mergingList: [{name: 1, mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}, {name: 2}]}
current: {mergingList: [{name: 1, other: a, mergingList: [{name: 1, value: a, other: c}, {name: 2, value: b, other: d}]}, {name: 2, other: b}]}
threeWay:
  $setElementOrder/mergingList: [{name: 1}, {name: 2}]
  mergingList:
  - {name: 1, $setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
result: {mergingList: [{name: 1, other: a, mergingList: [{name: 1, value: 1, other: c}, {name: 2, value: 2, other: d}]}, {name: 2, other: b}]}`,
  'merge lists of scalars': `
original: {mergingIntList: [1, 2]}
modified: {mergingIntList: [1, 2, 3]}
current: {mergingIntList: [1, 2, 4]}
threeWay: {$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3]}
result: {mergingIntList: [1, 2, 3, 4]}`,
  'add an item in a list of primitives and preserve order': `
original: {mergingIntList: [1, 2]}
modified: {mergingIntList: [3, 1, 2]}
current: {mergingIntList: [1, 4, 2]}
threeWay: {$setElementOrder/mergingIntList: [3, 1, 2], mergingIntList: [3]}
result: {mergingIntList: [3, 1, 4, 2]}`,
  'add and delete an item in a list and preserve order': `
original: {mergingList: [{name: 1}, {name: 3, value: 3}, {name: 2, value: 2}]}
modified: {mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 1}]}
current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
threeWay:
  $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}]
  mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]
result: {mergingList: [{name: 4, value: 4}, {name: 2, value: 2, other: b}, {name: 1, other: a}]}`,
  'set elements order in a list with server-only items 2': `
original: {mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 4, value: 4}]}
modified: {mergingList: [{name: 2, value: 2}, {name: 1}, {name: 4, value: 4}, {name: 3, value: 3}]}
current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 9}, {name: 3, value: 3}, {name: 4, value: 4}]}
threeWay:
  $setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]
result: {mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 9}, {name: 4, value: 4}, {name: 3, value: 3}]}`,
  'set elements order in a int list with server-only items 2': `
original: {mergingIntList: [1, 2, 3, 4]}
modified: {mergingIntList: [2, 1, 4, 3]}
current: {mergingIntList: [1, 2, 9, 3, 4]}
threeWay: {$setElementOrder/mergingIntList: [2, 1, 4, 3]}
result: {mergingIntList: [2, 1, 9, 4, 3]}`,
  'retainKeys map should clear defaulted field with conflict (discriminated union)': `
original: {}
modified: {retainKeysMap: {name: type2, other: bar}}
current: {retainKeysMap: {name: type1, value: foo}}
threeWay: {retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}}
result: {retainKeysMap: {name: type2, other: bar}}`,
  'retainKeys map adds a field and clear a field': `
original: {retainKeysMap: {name: foo}}
modified: {retainKeysMap: {name: foo, value: bar}}
current: {retainKeysMap: {name: foo, other: a}}
threeWay: {retainKeysMap: {$retainKeys: [name, value], value: bar}}
result: {retainKeysMap: {name: foo, value: bar}}`,
  'retainKeys map clears a field': `
original: {retainKeysMap: {name: foo, value: bar}}
modified: {retainKeysMap: {name: foo, value: bar}}
current: {retainKeysMap: {name: foo, value: bar, other: a}}
threeWay: {retainKeysMap: {$retainKeys: [name, value]}}
result: {retainKeysMap: {name: foo, value: bar}}`,
  'retainKeys map deletes a field in a nested map': `
original: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b}}}
modified: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a}}}
current: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b, key3: c}}}
threeWay: {retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key2: null}}}
result: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key3: c}}}`,
};

describe('createThreeWayMergePatch (strategicpatch.CreateThreeWayMergePatch, upstream cases)', () => {
  for (const [description, text] of Object.entries(THREE_WAY_CASES)) {
    it(description, () => {
      const c = parseYaml(text) as Record<'original' | 'modified' | 'current' | 'threeWay' | 'result', Record<string, unknown>>;
      const patch = createThreeWayMergePatch(c.original ?? {}, c.modified, c.current, MERGE_ITEM) ?? {};
      expect(patch).toEqual(c.threeWay);
      if (c.result) expect(applyStrategicMergePatch(c.current, patch, MERGE_ITEM)).toEqual(c.result);
    });
  }
});

describe('createThreeWayMergePatch on the built-in kinds (what kubectl apply sends)', () => {
  const deploy = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: { template: { spec: { containers, ...extra } } },
  });

  it('a new image merges into the live container by name: fields others set stay', () => {
    const live = deploy([{ ...web, image: 'nginx:1.27', env: [{ name: 'A', value: '1' }, { name: 'X', value: 'live' }] }]);
    const original = deploy([web]);
    const modified = deploy([{ ...web, image: 'nginx:1.28' }]);
    const patch = createThreeWayMergePatch(original, modified, live, DEPLOYMENT);
    // The live env has more than the manifest's: the order of the manifest's ones is sent too.
    const container = { name: 'web', image: 'nginx:1.28', '$setElementOrder/env': [{ name: 'A' }] };
    expect(patch).toEqual({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [container] } } } });
    const c = (applyStrategicMergePatch(live, patch ?? {}, DEPLOYMENT).spec as { template: { spec: { containers: { env: unknown; image: string }[] } } }).template.spec.containers;
    expect(c).toHaveLength(1);
    expect(c[0].image).toBe('nginx:1.28');
    expect(c[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'X', value: 'live' }]);
  });

  it('an element the manifest dropped is deleted, one another client added stays; a dropped field is null', () => {
    const live = deploy([web, side, { name: 'other', image: 'o' }], { nodeSelector: { a: '1' } });
    const patch = createThreeWayMergePatch(deploy([web, side], { nodeSelector: { a: '1' } }), deploy([web]), live, DEPLOYMENT);
    expect(patch).toEqual({
      spec: { template: { spec: { nodeSelector: null, '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'side', $patch: 'delete' }] } } },
    });
    const spec = (applyStrategicMergePatch(live, patch ?? {}, DEPLOYMENT).spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(spec).toEqual({ containers: [web, { name: 'other', image: 'o' }] });
  });

  it('a volume changing its source carries $retainKeys: the old source goes', () => {
    const volumes = (v: Record<string, unknown>) => deploy([web], { volumes: [{ name: 'data', ...v }] });
    const patch = createThreeWayMergePatch(volumes({ emptyDir: {} }), volumes({ hostPath: { path: '/d' } }), volumes({ emptyDir: {} }), DEPLOYMENT);
    expect(patch).toEqual({
      spec: {
        template: {
          spec: { '$setElementOrder/volumes': [{ name: 'data' }], volumes: [{ name: 'data', $retainKeys: ['hostPath', 'name'], emptyDir: null, hostPath: { path: '/d' } }] },
        },
      },
    });
  });

  it('an unchanged manifest: nothing to send, or only the order of lists the live object has more in', () => {
    expect(createThreeWayMergePatch(deploy([web]), deploy([web]), deploy([{ ...web, imagePullPolicy: 'Always' }]), DEPLOYMENT)).toBeUndefined();
    const live = deploy([{ ...web, env: [...web.env, { name: 'B', value: '2' }] }]);
    const patch = createThreeWayMergePatch(deploy([web]), deploy([web]), live, DEPLOYMENT);
    expect(patch).toEqual({
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'web', '$setElementOrder/env': [{ name: 'A' }] }] } } },
    });
    expect(applyStrategicMergePatch(live, patch ?? {}, DEPLOYMENT)).toEqual(live);
  });
});
