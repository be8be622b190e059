/**
 * Node maintenance: `kubectl taint`, `cordon`, `uncordon`, `drain` (cordon, then evict the pods
 * the filters allow and wait for them to go). With `--dry-run` nothing is written: each message
 * gets kubectl's ` (dry run)` / ` (server dry run)` suffix, a client dry run sends nothing, a
 * server dry run sends the writes with dryRun; drain then neither evicts nor waits.
 * @see kubectl pkg/cmd/taint/taint.go, pkg/cmd/drain/drain.go, pkg/drain/drain.go,
 *   pkg/drain/filters.go
 */
import { type Command, type Invocation, timeoutMs } from '../command.js';
import { DRY_RUN_FLAG, type DryRunStrategy, dryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { clientError, KubectlError } from '../errors.js';
import type { NodeObj, Pod } from '../types.js';
import { podsOnNode } from '../resources.js';
import { goDurationString } from '../duration.js';
import { type DrainTimeout, deletePods, evictPods } from './drain-evict.js';
import { finish, targets } from './modify.js';

type Taint = { key: string; value?: string; effect: string; timeAdded?: string };
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `kubectl taint`. */
export const taintCommand: Command = {
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    DRY_RUN_FLAG,
  ],
  run(inv) {
    // kubectl's Complete reads the strategy before it looks at the arguments.
    const dryRun = dryRunStrategy(inv);
    const args = inv.args.args;
    const split = args[0]?.includes('/') ? 1 : 2;
    const resArgs = args.slice(0, split);
    const specs = args.slice(split);
    if (specs.length === 0) throw clientError('at least one taint update is required');
    const add: Taint[] = [];
    const remove: { key: string; effect?: string }[] = [];
    for (const s of specs) {
      if (s.endsWith('-')) {
        const [key, effect] = s.slice(0, -1).split(':');
        remove.push({ key, effect });
        continue;
      }
      const m = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(s);
      if (!m) throw clientError(`invalid taint spec: ${s}, unsupported taint effect`);
      if (!EFFECTS.includes(m[3])) throw clientError(`invalid taint effect: ${m[3]}, unsupported taint effect`);
      add.push(m[2] !== undefined ? { key: m[1], value: m[2], effect: m[3] } : { key: m[1], effect: m[3] });
    }
    const errs: unknown[] = [];
    for (const { info, obj } of targets(inv, resArgs)) {
      const node = obj as NodeObj;
      let taints: Taint[] = (node.spec?.taints ?? []).map((t) => ({ ...t }));
      for (const t of add) {
        const same = taints.find((x) => x.key === t.key && x.effect === t.effect);
        if (same && !inv.args.bool('overwrite')) {
          throw clientError(`node ${node.metadata.name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`);
        }
      }
      for (const r of remove) {
        const before = taints.length;
        taints = taints.filter((x) => !(x.key === r.key && (!r.effect || x.effect === r.effect)));
        if (taints.length === before) errs.push(clientError(`taint ${JSON.stringify(r.effect ? `${r.key}:${r.effect}` : r.key)} not found`));
      }
      // kubectl's reorganizeTaints: `added` when some new taint matches no old one.
      const added = add.some((t) => !(node.spec?.taints ?? []).some((x) => x.key === t.key && x.effect === t.effect));
      const operation = (added && remove.length > 0) || inv.args.bool('overwrite') ? 'modified' : added ? 'tainted' : 'untainted';
      for (const t of add) {
        taints = taints.filter((x) => !(x.key === t.key && x.effect === t.effect));
        taints.push(t.effect === 'NoExecute' ? { ...t, timeAdded: inv.ctx.core.clock.rfc3339() } : t);
      }
      if (errs.length) break;
      if (dryRun !== 'client') {
        const patch = { spec: { taints: taints.length ? taints : null } };
        inv.ctx.core.api.patch(info.kind, undefined, node.metadata.name ?? '', patch, 'merge', { dryRun: dryRun === 'server' });
      }
      inv.out(`node/${node.metadata.name} ${operation}${dryRunSuffix(dryRun)}\n`);
    }
    if (dryRun === 'none') inv.ctx.core.loop.settle();
    return finish(inv, errs);
  },
};

function makeCordonCommand(unschedulable: boolean): Command {
  return {
    flags: [
      { name: 'selector', short: 'l', type: 'string' },
      DRY_RUN_FLAG,
    ],
    run(inv) {
      const dryRun = nodeDryRun(inv);
      for (const node of nodeTargets(inv)) setUnschedulable(inv, node, unschedulable, dryRun);
      if (dryRun === 'none') inv.ctx.core.loop.settle();
      return 0;
    },
  };
}

/** `kubectl cordon`. */
export const cordonCommand = makeCordonCommand(true);
/** `kubectl uncordon`. */
export const uncordonCommand = makeCordonCommand(false);

/** As kubectl's Complete for cordon/uncordon/drain: the usage check, then the dry-run strategy. */
function nodeDryRun(inv: Invocation): DryRunStrategy {
  if (inv.args.args.length === 0 && !inv.args.has('selector')) throw clientError('USAGE: cordon NODE [flags]');
  return dryRunStrategy(inv);
}

function nodeTargets(inv: Invocation): NodeObj[] {
  const args = inv.args.args.length ? ['nodes', ...inv.args.args.map((a) => a.replace(/^(nodes?|no)\//, ''))] : ['nodes'];
  return targets(inv, args).map((t) => t.obj as NodeObj);
}

/** kubectl's RunCordonOrUncordon for one node; the printer adds the dry-run suffix to every message. */
function setUnschedulable(inv: Invocation, node: NodeObj, value: boolean, dryRun: DryRunStrategy): void {
  const word = value ? 'cordoned' : 'uncordoned';
  const suffix = dryRunSuffix(dryRun);
  if ((node.spec?.unschedulable ?? false) === value) {
    inv.out(`node/${node.metadata.name} already ${word}${suffix}\n`);
    return;
  }
  if (dryRun !== 'client') {
    const patch = { spec: { unschedulable: value ? true : null } };
    inv.ctx.core.api.patch('Node', undefined, node.metadata.name ?? '', patch, 'merge', { dryRun: dryRun === 'server' });
  }
  inv.out(`node/${node.metadata.name} ${word}${suffix}\n`);
}

/** Blocking reasons in kubectl's filter order (daemonSet, localStorage, unreplicated). */
const BLOCK_ORDER = [
  'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
  'cannot delete Pods with local storage (use --delete-emptydir-data to override)',
  'cannot delete Pods that declare no controller (use --force to override)',
];
/** Warnings in the same order. */
const WARN_ORDER = ['ignoring DaemonSet-managed Pods', 'deleting Pods with local storage', 'deleting Pods that declare no controller'];

/** Drain's default wait for evicted pods to go (virtual; kubectl waits without limit). */
const DRAIN_WAIT_DEFAULT_MS = 10 * 60_000;

/** `kubectl drain`. */
export const drainCommand: Command = {
  flags: [
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'pod-selector', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    DRY_RUN_FLAG,
    { name: 'skip-wait-for-delete-timeout', type: 'int' },
  ],
  run(inv) {
    const dryRun = nodeDryRun(inv);
    const nodes = nodeTargets(inv);
    // As kubectl's RunDrain: cordon every node first, then drain them one by one.
    for (const node of nodes) setUnschedulable(inv, node, true, dryRun);
    for (const node of nodes) {
      const code = drainNode(inv, node, dryRun);
      if (code !== 0) return code;
    }
    return 0;
  },
};

function drainNode(inv: Invocation, node: NodeObj, dryRun: DryRunStrategy): number {
  const name = node.metadata.name ?? '';
  const { blocked, warned, evict } = classifyPods(inv, drainablePods(inv, name));
  const blocks = grouped(blocked);
  if (blocks.length) {
    const joined = blocks.length === 1 ? blocks[0] : `[${blocks.join(', ')}]`;
    throw new KubectlError(
      `error: unable to drain node ${JSON.stringify(name)} due to error: ${joined}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${blocks.join('\n')}`,
    );
  }
  const warnings = grouped(warned);
  if (warnings.length) inv.err(`Warning: ${warnings.join('; ')}\n`);
  if (dryRun === 'client') {
    for (const p of evict) inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${dryRunSuffix(dryRun)}\n`);
  } else if (evict.length > 0) {
    const eviction = !inv.args.bool('disable-eviction');
    const timeout = drainTimeout(inv);
    const grace = inv.args.int('grace-period', -1);
    const errs = (eviction ? evictPods : deletePods)(inv, evict, timeout, grace, dryRun === 'server');
    if (errs.length) failDrain(inv, name, errs, eviction);
  }
  inv.out(`node/${name} drained${dryRunSuffix(dryRun)}\n`);
  return 0;
}

/** The node's pods drain looks at (terminal pods aside). */
function drainablePods(inv: Invocation, nodeName: string): Pod[] {
  return (podsOnNode(inv.ctx.core.store, nodeName) as Pod[]).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

/** `--timeout` (0 = kubectl's infinity, capped in virtual time at `DRAIN_WAIT_DEFAULT_MS`). */
function drainTimeout(inv: Invocation): DrainTimeout {
  const ms = timeoutMs(inv.args.string('timeout'), DRAIN_WAIT_DEFAULT_MS);
  return { ms, text: goDurationString(ms) };
}

/**
 * `deleteOrEvictPodsSimple` and `RunDrain` after a failed eviction or deletion: the pods still to
 * go, the per-node error, the pending nodes, then `checkErr` of the errors (an aggregate from
 * evictions prints each error bare; the deletion wait's single error gets `error: `).
 */
function failDrain(inv: Invocation, nodeName: string, errs: readonly string[], aggregate: boolean): never {
  const message = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  const pending = classifyPods(inv, drainablePods(inv, nodeName)).evict;
  if (pending.length) {
    inv.err(`There are pending pods in node ${JSON.stringify(nodeName)} when an error occurred: ${message}\n`);
    for (const p of pending) inv.err(`pod/${p.metadata.name}\n`);
  }
  const last = aggregate ? errs.join('\n') : `error: ${message}`;
  throw new KubectlError(
    `error: unable to drain node ${JSON.stringify(nodeName)} due to error: ${message}, continuing command...\nThere are pending nodes to be drained:\n ${nodeName}\n${last}`,
  );
}

function grouped(m: Record<string, string[]>): string[] {
  return Object.entries(m)
    .filter(([, v]) => v.length > 0)
    .map(([k, v]) => `${k}: ${v.join(', ')}`);
}

/** kubectl's drain filters (daemonSet, mirror, localStorage, unreplicated) over the node's pods. */
function classifyPods(inv: Invocation, pods: readonly Pod[]): { blocked: Record<string, string[]>; warned: Record<string, string[]>; evict: Pod[] } {
  const a = inv.args;
  // kubectl groups by message in a Go map (unordered); kubesim uses the filter order instead.
  const blocked: Record<string, string[]> = Object.fromEntries(BLOCK_ORDER.map((k) => [k, []]));
  const warned: Record<string, string[]> = Object.fromEntries(WARN_ORDER.map((k) => [k, []]));
  const evict: Pod[] = [];
  const add = (m: Record<string, string[]>, k: string, p: Pod) => {
    m[k] = [...(m[k] ?? []), `${p.metadata.namespace}/${p.metadata.name}`];
  };
  for (const p of pods) {
    const owner = p.metadata.ownerReferences?.find((r) => r.controller);
    if (owner?.kind === 'DaemonSet') {
      if (a.bool('ignore-daemonsets')) add(warned, WARN_ORDER[0], p);
      else add(blocked, BLOCK_ORDER[0], p);
      continue;
    }
    if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    // As kubectl's filter chain: an error stops at the first filter; only the last status is kept.
    let warning: string | undefined;
    if ((p.spec?.volumes ?? []).some((v) => v.emptyDir)) {
      if (!a.bool('delete-emptydir-data') && !a.bool('delete-local-data')) {
        add(blocked, BLOCK_ORDER[1], p);
        continue;
      }
      warning = WARN_ORDER[1];
    }
    if (!owner) {
      if (!a.bool('force')) {
        add(blocked, BLOCK_ORDER[2], p);
        continue;
      }
      warning = WARN_ORDER[2];
    } else warning = undefined;
    if (warning) add(warned, warning, p);
    evict.push(p);
  }
  return { blocked, warned, evict };
}
