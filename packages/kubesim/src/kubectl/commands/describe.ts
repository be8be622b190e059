/**
 * `kubectl describe TYPE [NAME_PREFIX]`: exact name, else every object whose name starts with
 * the prefix; several descriptions are separated by a blank line.
 * @see kubectl pkg/cmd/describe/describe.go, pkg/describe/describe.go
 */
import type { KubeObject, ObjectStore } from '@kubesim/core';
import type { Command } from '../command.js';
import { describeCronJob, describeJob } from '../describe/batch.js';
import { describePod } from '../describe/pod.js';
import { describeCsiNode, describePv, describePvc, describeStorageClass } from '../describe/storage.js';
import { describeConfigMap, describeNamespace, describeSecret, describeServiceAccount } from '../describe/config.js';
import { describeGeneric } from '../describe/generic.js';
import { describeLimitRange, type LimitRangeObject } from '../describe/limit-range.js';
import { describePodDisruptionBudget } from '../describe/policy.js';
import { describeResourceQuota } from '../describe/resource-quota.js';
import { describePriorityClass } from '../describe/scheduling.js';
import { describeDaemonSet, describeDeployment, describeNode, describeReplicaSet, describeService, describeStatefulSet } from '../describe/workloads.js';
import { DescribeWriter } from '../describe/writer.js';
import { clientError, renderErrors } from '../errors.js';
import { listObjects, parseResourceArgs } from '../resources.js';
import { FILENAME_FLAGS, manifestTarget, readManifests } from '../manifests.js';
import type { NodeObj, Pod, Pv, Pvc, Service, StorageClass, Workload } from '../types.js';

type Describer = (w: DescribeWriter, obj: KubeObject, store: ObjectStore) => void;

const DESCRIBERS: Record<string, Describer> = {
  Pod: (w, o, s) => describePod(w, o as Pod, s),
  PersistentVolumeClaim: (w, o, s) => describePvc(w, o as Pvc, s),
  PersistentVolume: (w, o, s) => describePv(w, o as Pv, s),
  StorageClass: (w, o, s) => describeStorageClass(w, o as StorageClass, s),
  Deployment: (w, o, s) => describeDeployment(w, o as Workload, s),
  ReplicaSet: (w, o, s) => describeReplicaSet(w, o as Workload, s),
  StatefulSet: (w, o, s) => describeStatefulSet(w, o as Workload, s),
  DaemonSet: (w, o, s) => describeDaemonSet(w, o as Workload, s),
  Job: (w, o, s) => describeJob(w, o, s),
  CronJob: (w, o, s) => describeCronJob(w, o, s),
  Service: (w, o, s) => describeService(w, o as Service, s),
  Node: (w, o, s) => describeNode(w, o as NodeObj, s),
  CSINode: (w, o, s) => describeCsiNode(w, o, s),
  ConfigMap: (w, o, s) => describeConfigMap(w, o, s),
  Secret: (w, o) => describeSecret(w, o),
  ServiceAccount: (w, o, s) => describeServiceAccount(w, o, s),
  Namespace: (w, o, s) => describeNamespace(w, o, s),
  ResourceQuota: (w, o) => describeResourceQuota(w, o),
  LimitRange: (w, o) => describeLimitRange(w, o as LimitRangeObject),
  PriorityClass: (w, o, s) => describePriorityClass(w, o, s),
  PodDisruptionBudget: (w, o, s) => describePodDisruptionBudget(w, o, s),
};

/** The describe text of one object. */
export function describeObject(obj: KubeObject, store: ObjectStore, nowMs: number, parse: (ts: string) => number): string {
  const w = new DescribeWriter(nowMs, parse);
  (DESCRIBERS[obj.kind] ?? describeGeneric)(w, obj, store);
  return w.toString();
}

/** `kubectl describe`. */
export const describeCommand: Command = {
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool' },
    ...FILENAME_FLAGS,
    { name: 'chunk-size', type: 'int' },
  ],
  run(inv) {
    const store = inv.ctx.core.store;
    const objs: KubeObject[] = [];
    const errs: unknown[] = [];
    const fromFiles = inv.args.has('filename');
    if (fromFiles && inv.args.args.length > 0) throw clientError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const requests = fromFiles ? [] : parseResourceArgs(inv.ctx, inv.args.args, inv.path);
    if (!fromFiles && requests.length === 0) throw clientError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    // The objects the files name, each read from the server (its namespace, else -n's).
    for (const item of fromFiles ? readManifests(inv.ctx, inv.args.strings('filename'), inv.stdin, 'describe', inv.args.bool('recursive')) : []) {
      const { info, input } = manifestTarget(inv, item);
      const name = input.metadata.name ?? '';
      const obj = store.get(info.kind, info.namespaced ? input.metadata.namespace : undefined, name);
      if (obj) objs.push(obj);
      else errs.push(inv.ctx.core.api.notFound(info.kind, name));
    }
    for (const r of requests) {
      const all = listObjects(inv.ctx, r.info, {
        namespace: inv.namespace,
        allNamespaces: inv.args.bool('all-namespaces'),
        labelSelector: inv.args.has('selector') ? inv.args.string('selector') : undefined,
      });
      if (r.names.length === 0) {
        objs.push(...all);
        continue;
      }
      for (const name of r.names) {
        const exact = all.find((o) => o.metadata.name === name);
        const matches = exact ? [exact] : all.filter((o) => (o.metadata.name ?? '').startsWith(name));
        if (matches.length === 0) errs.push(inv.ctx.core.api.notFound(r.info.kind, name));
        objs.push(...matches);
      }
    }
    if (objs.length === 0 && errs.length === 0 && requests.length > 0) {
      const r = requests[0];
      inv.err(r.info.namespaced && !inv.args.bool('all-namespaces') ? `No resources found in ${inv.namespace} namespace.\n` : 'No resources found\n');
    }
    const { nowMs, parse } = inv.rowContext;
    inv.out(objs.map((o) => describeObject(o, store, nowMs, parse)).join('\n\n'));
    if (errs.length) {
      inv.err(`${renderErrors(errs)}\n`);
      return 1;
    }
    return 0;
  },
};
