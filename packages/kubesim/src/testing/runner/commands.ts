/**
 * Commands of the model-based runner (`fc.commands`): each runs kubectl/aws lines against the
 * cluster, then the safety invariants. `toString()` prints the lines it ran (or, before it ran,
 * the line with symbolic names), so a shrunk failure reads as a shell session.
 * @see fast-check documentation "Model based testing"
 */
import type fc from 'fast-check';
import { toYaml, workloadManifests } from '../model/manifests.js';
import type { OperationName } from '../arbitraries/space.js';
import { checkSafety, type FuzzModel, type FuzzReal, runLine } from './world.js';

/** A serialisable command: the operation and its integer arguments. */
export interface CommandDescriptor {
  readonly op: OperationName;
  /** Workload, node or zone index (taken modulo what exists). */
  readonly target: number;
  /** Replicas, pod index or minutes. */
  readonly arg: number;
}

const NODE_OPS = new Set<OperationName>(['cordon', 'uncordon', 'drain', 'stop-instance', 'start-instance', 'terminate-instance', 'taint-out-of-service']);
const ZONE_OPS = new Set<OperationName>(['zone-outage', 'zone-recover']);
const OOS_TAINT = 'node.kubernetes.io/out-of-service=nodeshutdown:NoExecute';

/** Shell snippet for a real cluster: the n-th node (sorted) of a zone. */
function nodeShell(zone: string, ordinal: number): string {
  return `$(kubectl get nodes -l topology.kubernetes.io/zone=${zone} -o name | sort | sed -n ${ordinal + 1}p | cut -d/ -f2)`;
}

function instanceShell(node: string): string {
  return `$(kubectl get node ${node} -o jsonpath='{.spec.providerID}' | cut -d/ -f5)`;
}

/** One fuzz command. */
export class FuzzCommand implements fc.Command<FuzzModel, FuzzReal> {
  private lines: string[] = [];
  constructor(readonly descriptor: CommandDescriptor) {}

  /** Precondition on the model: node and zone faults only in states EC2 accepts. */
  check(m: Readonly<FuzzModel>): boolean {
    const { op, target } = this.descriptor;
    const n = target % m.nodeCount;
    const state = m.nodeState[n];
    switch (op) {
      case 'stop-instance':
        return state === 'running';
      case 'start-instance':
        return state === 'stopped';
      case 'terminate-instance':
        return state !== 'terminated';
      case 'uncordon':
        return m.cordoned.has(n);
      case 'cordon':
      case 'drain':
      case 'taint-out-of-service':
        return state !== 'terminated';
      case 'zone-outage':
        return this.zoneNodes(m, target).some((i) => m.nodeState[i] === 'running');
      case 'zone-recover':
        return this.zoneNodes(m, target).some((i) => m.nodeState[i] === 'outage');
      default:
        return true;
    }
  }

  private zoneNodes(m: Readonly<FuzzModel>, target: number): number[] {
    const zones = m.fuzzCase.topology.zones;
    const zone = zones[target % zones.length];
    const out: number[] = [];
    let i = 0;
    for (const g of m.fuzzCase.topology.nodes) {
      for (let k = 0; k < g.count; k++, i++) if (g.zone === zone) out.push(i);
    }
    return out;
  }

  run(m: FuzzModel, r: FuzzReal): void {
    this.lines = [];
    const before = r.script.length;
    this.execute(m, r);
    this.lines = r.script.slice(before).map((s) => s.line);
    checkSafety(r);
  }

  private execute(m: FuzzModel, r: FuzzReal): void {
    const { op, target, arg } = this.descriptor;
    const workloads = r.fuzzCase.workloads;
    const w = workloads[target % workloads.length];
    const ref = `${w.kind.toLowerCase()}/${w.name}`;
    const n = target % r.nodes.length;
    const node = r.nodes[n];
    const nodeOrdinal = r.nodes.filter((x) => x.zone === node.zone).findIndex((x) => x.name === node.name);
    const shellNode = nodeShell(node.zone, nodeOrdinal);
    switch (op) {
      case 'advance':
        runLine(r, `advance ${arg}m`, { shell: `sleep ${arg * 60}` });
        return;
      case 'apply':
        runLine(r, 'kubectl apply -f -', { stdin: toYaml(workloadManifests({ ...w, replicas: arg })) });
        return;
      case 'scale':
        runLine(r, `kubectl scale ${ref} --replicas=${arg}`);
        return;
      case 'rollout-restart':
        runLine(r, `kubectl rollout restart ${ref}`);
        return;
      case 'delete-pod':
      case 'force-delete-pod': {
        const pods = r.cluster.list('Pod', { labelSelector: `app=${w.name}` }).map((p) => p.metadata.name ?? '');
        if (pods.length === 0) return;
        const pick = pods.sort()[arg % pods.length];
        const force = op === 'force-delete-pod' ? ' --grace-period=0 --force' : '';
        runLine(r, `kubectl delete pod ${pick}${force}`, {
          shell: `kubectl delete pod $(kubectl get pods -l app=${w.name} -o name | sort | sed -n ${(arg % pods.length) + 1}p | cut -d/ -f2)${force}`,
        });
        return;
      }
      case 'cordon':
      case 'uncordon':
        runLine(r, `kubectl ${op} ${node.name}`, { shell: `kubectl ${op} ${shellNode}` });
        if (op === 'cordon') m.cordoned.add(n);
        else m.cordoned.delete(n);
        return;
      case 'drain':
        runLine(r, `kubectl drain ${node.name} --ignore-daemonsets --delete-emptydir-data --timeout=2m`, {
          shell: `kubectl drain ${shellNode} --ignore-daemonsets --delete-emptydir-data --timeout=2m`,
        });
        m.cordoned.add(n);
        return;
      case 'taint-out-of-service':
        runLine(r, `kubectl taint nodes ${node.name} ${OOS_TAINT} --overwrite`, { shell: `kubectl taint nodes ${shellNode} ${OOS_TAINT} --overwrite` });
        m.outOfService.add(n);
        return;
      case 'stop-instance':
      case 'start-instance':
      case 'terminate-instance': {
        const verb = op.replace('-instance', '-instances');
        const exit = runLine(r, `aws ec2 ${verb} --instance-ids ${node.instanceId}`, { shell: `aws ec2 ${verb} --instance-ids ${instanceShell(shellNode)}` });
        // EC2 refuses a start while the instance is still stopping (IncorrectInstanceState): the model keeps what EC2 kept.
        if (exit === 0) m.nodeState[n] = op === 'stop-instance' ? 'stopped' : op === 'start-instance' ? 'running' : 'terminated';
        return;
      }
      case 'zone-outage':
      case 'zone-recover':
        this.zone(m, r, op === 'zone-outage');
    }
  }

  /** A zone outage stops every running instance of the zone; recovery starts them again. */
  private zone(m: FuzzModel, r: FuzzReal, outage: boolean): void {
    const members = this.zoneNodes(m, this.descriptor.target).filter((i) => m.nodeState[i] === (outage ? 'running' : 'outage'));
    const verb = outage ? 'stop-instances' : 'start-instances';
    const exit = runLine(r, `aws ec2 ${verb} --instance-ids ${members.map((i) => r.nodes[i].instanceId).join(' ')}`);
    if (exit === 0) for (const i of members) m.nodeState[i] = outage ? 'outage' : 'running';
  }

  /** The lines it ran, or its symbolic form before it ran. */
  toString(): string {
    if (this.lines.length) return this.lines.join(' && ');
    const { op, target, arg } = this.descriptor;
    if (NODE_OPS.has(op)) return `${op} node#${target}`;
    if (ZONE_OPS.has(op)) return `${op} zone#${target}`;
    return `${op} workload#${target} ${arg}`;
  }

  /** The descriptor (what a regression entry stores). */
  toJSON(): CommandDescriptor {
    return this.descriptor;
  }
}
