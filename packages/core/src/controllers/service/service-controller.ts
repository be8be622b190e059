/**
 * The cloud controller manager's service controller with the AWS provider's Classic Load Balancer:
 * a Service of type LoadBalancer gets the cleanup finalizer and, once the load balancer exists, its
 * DNS name in `status.loadBalancer.ingress` (EXTERNAL-IP leaves `<pending>`); a Service that no
 * longer wants one (deleted, or its type changed) has its load balancer deleted, its status cleared
 * and the finalizer removed.
 *
 * @remarks The load balancer is named as the AWS provider names it (`a` + the Service UID without
 * dashes, 32 characters); its DNS name is `<name>-<number>.<region>.elb.amazonaws.com`, the number
 * drawn from the seeded `elb` stream. Creating or deleting one takes `LOAD_BALANCER_LATENCY_MS`
 * of virtual time. Node sync (instances registered with the balancer) and the AWS Load Balancer
 * Controller (NLB/ALB, `loadBalancerClass`) are not modelled.
 * @see kubernetes staging/src/k8s.io/cloud-provider/controllers/service/controller.go
 *   (syncLoadBalancerIfNeeded, wantsLoadBalancer, needsCleanup), cloud-provider/cloud.go
 *   (DefaultLoadBalancerName), cloud-provider-aws pkg/providers/v1/aws_loadbalancer.go
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { Rng } from '../../sim/rng.js';
import type { WatchEvent } from '../../store/store.js';
import { Controller } from '../runtime/controller.js';

/** The finalizer kept on a Service while its load balancer may exist (`LoadBalancerCleanupFinalizer`). */
export const LOAD_BALANCER_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

/** Event source of the service controller. */
export const SERVICE_CONTROLLER = 'service-controller';

/** Event reasons and messages of the service controller. */
export const ServiceControllerEvents = {
  EnsuringLoadBalancer: 'Ensuring load balancer',
  EnsuredLoadBalancer: 'Ensured load balancer',
  DeletingLoadBalancer: 'Deleting load balancer',
  DeletedLoadBalancer: 'Deleted load balancer',
} as const;

/** Virtual time the AWS calls that create or delete a Classic Load Balancer take. */
export const LOAD_BALANCER_LATENCY_MS = 2000;

type ServiceObject = Service & KubeObject;

/** `wantsLoadBalancer`: type LoadBalancer (no other class is served). */
function wantsLoadBalancer(svc: ServiceObject): boolean {
  return svc.spec?.type === 'LoadBalancer';
}

/** `needsCleanup`: being deleted with the cleanup finalizer still on. */
function needsCleanup(svc: ServiceObject): boolean {
  return Boolean(svc.metadata.deletionTimestamp) && (svc.metadata.finalizers ?? []).includes(LOAD_BALANCER_CLEANUP_FINALIZER);
}

/** `DefaultLoadBalancerName`: `a` + the UID without dashes, cut to 32 characters. */
export function defaultLoadBalancerName(uid: string): string {
  return `a${uid.replaceAll('-', '')}`.slice(0, 32);
}

/** The service controller. */
export class ServiceController {
  readonly controller: Controller;
  /** DNS name of each Service's load balancer, by Service UID. */
  private readonly balancers = new Map<string, string>();
  private readonly rng: Rng;

  constructor(private readonly core: CoreCluster) {
    this.rng = core.rng.fork('elb');
    this.controller = new Controller(core.loop, {
      name: SERVICE_CONTROLLER,
      sync: (key) => {
        const i = key.indexOf('/');
        this.sync(key.slice(0, i), key.slice(i + 1));
      },
    });
    core.store.watch<ServiceObject>('Service', (e) => this.onService(e));
  }

  private onService(e: WatchEvent<ServiceObject>): void {
    const svc = e.object;
    if (e.type === 'DELETED') return;
    const old = e.old;
    const relevant = old === undefined ? wantsLoadBalancer(svc) : needsUpdate(old, svc);
    if (relevant || needsCleanup(svc)) this.controller.enqueue(`${svc.metadata.namespace}/${svc.metadata.name}`);
  }

  /** `syncLoadBalancerIfNeeded`. */
  private sync(namespace: string, name: string): void {
    const core = this.core;
    const svc = core.store.get<ServiceObject>('Service', namespace, name);
    if (!svc) return;
    const uid = svc.metadata.uid as string;
    const event = (reason: keyof typeof ServiceControllerEvents, on: KubeObject) =>
      core.recorder.event(on, 'Normal', reason, ServiceControllerEvents[reason], SERVICE_CONTROLLER);
    if (!wantsLoadBalancer(svc) || needsCleanup(svc)) {
      const existed = this.balancers.delete(uid);
      if (existed) event('DeletingLoadBalancer', svc);
      core.loop.schedule(existed ? LOAD_BALANCER_LATENCY_MS : 0, `${SERVICE_CONTROLLER}/delete ${namespace}/${name}`, () => {
        const live = core.store.get<ServiceObject>('Service', namespace, name);
        if (!live || live.metadata.uid !== uid) return;
        const next = this.setStatus(live, undefined);
        event('DeletedLoadBalancer', next);
        if ((next.metadata.finalizers ?? []).includes(LOAD_BALANCER_CLEANUP_FINALIZER)) {
          core.api.updateWith<ServiceObject>('Service', namespace, name, (d) => {
            d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f) => f !== LOAD_BALANCER_CLEANUP_FINALIZER);
            if (d.metadata.finalizers.length === 0) delete d.metadata.finalizers;
          });
        }
      });
      return;
    }
    event('EnsuringLoadBalancer', svc);
    if (!(svc.metadata.finalizers ?? []).includes(LOAD_BALANCER_CLEANUP_FINALIZER)) {
      core.api.updateWith<ServiceObject>('Service', namespace, name, (d) => {
        d.metadata.finalizers = [...(d.metadata.finalizers ?? []), LOAD_BALANCER_CLEANUP_FINALIZER];
      });
    }
    let hostname = this.balancers.get(uid);
    if (hostname === undefined) {
      const region = core.cloud?.region ?? 'us-east-1';
      hostname = `${defaultLoadBalancerName(uid)}-${this.rng.int(100_000_000, 2_147_483_647)}.${region}.elb.amazonaws.com`;
      this.balancers.set(uid, hostname);
    }
    const dns = hostname;
    core.loop.schedule(LOAD_BALANCER_LATENCY_MS, `${SERVICE_CONTROLLER}/ensure ${namespace}/${name}`, () => {
      const live = core.store.get<ServiceObject>('Service', namespace, name);
      if (!live || live.metadata.uid !== uid || this.balancers.get(uid) !== dns || !wantsLoadBalancer(live) || live.metadata.deletionTimestamp) return;
      event('EnsuredLoadBalancer', this.setStatus(live, dns));
    });
  }

  /** Writes `status.loadBalancer` (the ingress hostname, or empty); returns the stored Service. */
  private setStatus(svc: ServiceObject, hostname: string | undefined): ServiceObject {
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    const same = hostname === undefined ? ingress.length === 0 : ingress.length === 1 && ingress[0].hostname === hostname;
    if (same) return svc;
    return this.core.api.updateWith<ServiceObject>('Service', svc.metadata.namespace, svc.metadata.name as string, (d) => {
      (d as { status?: unknown }).status = { loadBalancer: hostname === undefined ? {} : { ingress: [{ hostname }] } };
    });
  }
}

/** `needsUpdate` reduced to what this model reads: wanting a balancer, and its ports. */
function needsUpdate(old: ServiceObject, cur: ServiceObject): boolean {
  if (!wantsLoadBalancer(old) && !wantsLoadBalancer(cur)) return false;
  if (wantsLoadBalancer(old) !== wantsLoadBalancer(cur)) return true;
  return old.spec?.ports !== cur.spec?.ports;
}
