/**
 * Model-based test of the object store against a trivial Map model (fast-check `fc.commands`):
 * creates, updates, removes and watch deliveries must agree with the model after every command.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.js';
import { CoreCluster } from '../cluster/core-cluster.js';

interface Model {
  objects: Map<string, string>; // name → value
  delivered: Map<string, string>; // what a watcher has seen, after settle
}
interface Real {
  core: CoreCluster;
}

type Cm = KubeObject & { data: { v: string } };
const names = fc.constantFrom('a', 'b', 'c', 'd');
const values = fc.constantFrom('1', '2', '3');
const BY_VALUE = 'test/by-value';

class Create implements fc.Command<Model, Real> {
  constructor(readonly name: string, readonly value: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: this.name, namespace: 'default' }, data: { v: this.value } };
    if (m.objects.has(this.name)) {
      expect(() => r.core.store.create(obj)).toThrow('already exists');
    } else {
      r.core.store.create(obj);
      m.objects.set(this.name, this.value);
    }
  }
  toString = () => `create ${this.name}=${this.value}`;
}

class Update implements fc.Command<Model, Real> {
  constructor(readonly name: string, readonly value: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const recipe = (d: { data: { v: string } }) => {
      d.data.v = this.value;
    };
    if (!m.objects.has(this.name)) {
      expect(() => r.core.store.update<Cm>('ConfigMap', 'default', this.name, recipe)).toThrow('not found');
      return;
    }
    const before = r.core.store.get<Cm>('ConfigMap', 'default', this.name);
    const after = r.core.store.update<Cm>('ConfigMap', 'default', this.name, recipe);
    if (m.objects.get(this.name) === this.value) expect(after).toBe(before);
    else expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before?.metadata.resourceVersion));
    m.objects.set(this.name, this.value);
  }
  toString = () => `update ${this.name}=${this.value}`;
}

class Remove implements fc.Command<Model, Real> {
  constructor(readonly name: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const removed = r.core.store.remove('ConfigMap', 'default', this.name);
    expect(removed !== undefined).toBe(m.objects.has(this.name));
    m.objects.delete(this.name);
  }
  toString = () => `remove ${this.name}`;
}

class Settle implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    r.core.loop.settle();
    expect([...m.delivered].sort()).toEqual([...m.objects].sort());
    // The index by value files exactly the model's names of each value, in key order.
    for (const v of ['1', '2', '3']) {
      const names = [...m.objects].filter(([, x]) => x === v).map(([n]) => n).sort();
      expect(r.core.store.byIndex<Cm>('ConfigMap', BY_VALUE, v).map((o) => o.metadata.name)).toEqual(names);
      expect(r.core.store.countByIndex('ConfigMap', BY_VALUE, v)).toBe(names.length);
    }
  }
  toString = () => 'settle';
}

describe('ObjectStore against a Map model', () => {
  it('agrees with the model after every command', () => {
    const commands = [
      fc.tuple(names, values).map(([n, v]) => new Create(n, v)),
      fc.tuple(names, values).map(([n, v]) => new Update(n, v)),
      names.map((n) => new Remove(n)),
      fc.constant(new Settle()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const core = new CoreCluster({ seed: 9 });
        core.store.addIndex<Cm>('ConfigMap', BY_VALUE, (o) => [o.data.v]);
        const model: Model = { objects: new Map(), delivered: new Map() };
        core.store.watch<Cm>('ConfigMap', (e) => {
          if (e.type === 'DELETED') model.delivered.delete(e.object.metadata.name ?? '');
          else model.delivered.set(e.object.metadata.name ?? '', e.object.data.v);
        });
        fc.modelRun(() => ({ model, real: { core } }), cmds);
        const listed = core.store.list<Cm>('ConfigMap').map((o) => [o.metadata.name, o.data.v]);
        expect(listed).toEqual([...model.objects].sort(([a], [b]) => (a < b ? -1 : 1)));
      }),
      { seed: 20261128, numRuns: 150 },
    );
  });
});
