/**
 * The EC2 model behind the nodes: instances with ids, private IPs drawn per zone subnet, and
 * their lifecycle (running, stopping → stopped, pending → running, shutting-down → terminated).
 *
 * Design: state changes are immediate calls that schedule the second half of each transition on
 * the event loop with a latency from the cloud RNG stream; subscribers hear every change through
 * the event loop (never inside the call), in subscription order.
 * @see AWS EC2 API StopInstances, StartInstances, TerminateInstances; instance lifecycle docs
 */
import type { EventLoop } from '../sim/loop.js';
import type { Rng } from '../sim/rng.js';
import {
  START_LATENCY_MS,
  STOP_LATENCY_MS,
  SUBNET_THIRD_OCTET_SPAN,
  TERMINATE_LATENCY_MS,
  VPC_SECOND_OCTET,
} from './defaults.js';
import { INSTANCE_TYPES } from './instance-types.js';
import type { CloudProvider, InstanceInfo, InstanceState, InstanceStateHandler, InstanceTypeInfo } from './provider.js';

/** EC2's error for a call in the wrong state (`IncorrectInstanceState`). */
export class IncorrectInstanceStateError extends Error {
  readonly code = 'IncorrectInstanceState';
}

/** EKS node name of a private IP: `ip-10-0-1-23.ec2.internal` (us-east-1 private DNS form). */
export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

/** The cloud model: implements the `CloudProvider` seam. */
export class Ec2Cloud implements CloudProvider {
  readonly zones: readonly string[];
  private readonly byId = new Map<string, InstanceInfo>();
  private readonly byNode = new Map<string, string>();
  private readonly order: string[] = [];
  private readonly handlers: InstanceStateHandler[] = [];
  private readonly usedIps = new Set<string>();

  constructor(
    readonly region: string,
    zones: readonly string[],
    private readonly loop: EventLoop,
    private readonly rng: Rng,
    private readonly podIpRng: Rng,
  ) {
    this.zones = [...zones];
  }

  instances(): readonly InstanceInfo[] {
    return this.order.map((id) => this.byId.get(id) as InstanceInfo);
  }

  getInstance(instanceId: string): InstanceInfo | undefined {
    return this.byId.get(instanceId);
  }

  instanceForNode(nodeName: string): InstanceInfo | undefined {
    const id = this.byNode.get(nodeName);
    return id ? this.byId.get(id) : undefined;
  }

  instanceType(name: string): InstanceTypeInfo | undefined {
    return INSTANCE_TYPES.get(name);
  }

  onInstanceState(handler: InstanceStateHandler): () => void {
    this.handlers.push(handler);
    return () => {
      const i = this.handlers.indexOf(handler);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  /** Launches a running instance in a zone (`RunInstances`); its node name comes from its private IP. */
  launch(zone: string, instanceType: string): InstanceInfo {
    if (!this.zones.includes(zone)) throw new Error(`unknown zone ${zone}`);
    if (!INSTANCE_TYPES.has(instanceType)) throw new Error(`unknown instance type ${instanceType}`);
    let instanceId: string;
    do instanceId = `i-0${this.rng.hex(16)}`;
    while (this.byId.has(instanceId));
    const privateIp = this.allocateIp(zone, this.rng);
    const info: InstanceInfo = {
      instanceId,
      nodeName: privateDnsName(privateIp, this.region),
      zone,
      instanceType,
      state: 'running',
      privateIp,
      launchTimeMs: this.loop.clock.now(),
    };
    this.byId.set(instanceId, info);
    this.byNode.set(info.nodeName, instanceId);
    this.order.push(instanceId);
    return info;
  }

  /** A free secondary IP in the node's subnet for a pod (the VPC CNI hands out subnet IPs). */
  allocatePodIp(zone: string): string {
    return this.allocateIp(zone, this.podIpRng);
  }

  /** Takes a free IP of a zone's subnet for something else in the VPC (the EKS control plane's ENIs), drawn from `rng`. */
  reserveIp(zone: string, rng: Rng): string {
    return this.allocateIp(zone, rng);
  }

  /** Returns a pod IP to the subnet. */
  releaseIp(ip: string): void {
    this.usedIps.delete(ip);
  }

  private allocateIp(zone: string, rng: Rng): string {
    const base = this.zones.indexOf(zone) * SUBNET_THIRD_OCTET_SPAN;
    for (;;) {
      const ip = `10.${VPC_SECOND_OCTET}.${base + rng.int(0, SUBNET_THIRD_OCTET_SPAN - 1)}.${rng.int(4, 254)}`;
      if (this.usedIps.has(ip)) continue;
      this.usedIps.add(ip);
      return ip;
    }
  }

  /** `StopInstances`: running → stopping now, → stopped after the stop latency. */
  stop(instanceId: string): InstanceInfo {
    this.expectState(instanceId, ['running', 'pending'], 'stop');
    const info = this.setState(instanceId, 'stopping');
    this.after(STOP_LATENCY_MS, `stop ${instanceId}`, () => {
      if (this.byId.get(instanceId)?.state === 'stopping') this.setState(instanceId, 'stopped');
    });
    return info;
  }

  /** `StartInstances`: stopped → pending now, → running after the start latency. */
  start(instanceId: string): InstanceInfo {
    const current = this.expectState(instanceId, ['stopped', 'running', 'pending'], 'start');
    if (current.state !== 'stopped') return current;
    const info = this.setState(instanceId, 'pending');
    this.after(START_LATENCY_MS, `start ${instanceId}`, () => {
      if (this.byId.get(instanceId)?.state === 'pending') this.setState(instanceId, 'running');
    });
    return info;
  }

  /** `TerminateInstances`: → shutting-down now, → terminated after the latency. */
  terminate(instanceId: string): InstanceInfo {
    const current = this.expectState(instanceId, ['running', 'pending', 'stopping', 'stopped', 'shutting-down', 'terminated'], 'terminate');
    if (current.state === 'shutting-down' || current.state === 'terminated') return current;
    const info = this.setState(instanceId, 'shutting-down');
    this.after(TERMINATE_LATENCY_MS, `terminate ${instanceId}`, () => this.setState(instanceId, 'terminated'));
    return info;
  }

  private expectState(instanceId: string, allowed: readonly InstanceState[], op: string): InstanceInfo {
    const info = this.byId.get(instanceId);
    if (!info) throw new Error(`The instance ID '${instanceId}' does not exist`);
    if (!allowed.includes(info.state)) {
      throw new IncorrectInstanceStateError(
        `The instance '${instanceId}' is not in a state from which it can be ${op === 'stop' ? 'stopped' : 'started'}.`,
      );
    }
    return info;
  }

  private after(range: { readonly min: number; readonly max: number }, label: string, run: () => void): void {
    this.loop.schedule(this.rng.int(range.min, range.max), `cloud/${label}`, run);
  }

  private setState(instanceId: string, state: InstanceState): InstanceInfo {
    const old = this.byId.get(instanceId) as InstanceInfo;
    const next: InstanceInfo = { ...old, state, ...(state === 'pending' ? { launchTimeMs: this.loop.clock.now() } : {}) };
    this.byId.set(instanceId, next);
    if (state === 'terminated') this.usedIps.delete(next.privateIp);
    this.loop.record('cloud', `${instanceId} ${old.state} -> ${state}`);
    const previous = old.state;
    const handlers = [...this.handlers];
    this.loop.schedule(0, 'cloud/instance-state', () => {
      for (const h of handlers) h(next, previous);
    });
    return next;
  }
}
