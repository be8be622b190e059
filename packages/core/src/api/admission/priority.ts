/**
 * The Priority admission plugin. Mutating, on pod create: resolves `priorityClassName` (or the
 * global default class, or priority 0 with PreemptLowerPriority when there is none) into
 * `spec.priority` and `spec.preemptionPolicy`, refusing a class that does not exist and an integer
 * priority or a policy that differs from the computed one; on pod update it keeps the stored
 * priority and policy when the new object leaves them out. Validating, on PriorityClass create and
 * update: only one class may be the global default.
 *
 * Design: the plugin reads the PriorityClasses from the store (the lister of upstream); when several
 * classes are global defaults (a race upstream, impossible here) the lowest value wins, ties broken
 * by name so the choice is deterministic.
 * @see k/k plugin/pkg/admission/priority/admission.go
 */
// biome-ignore-all lint/suspicious/noExplicitAny: pods are untyped JSON during admission
import { DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS, PREEMPT_LOWER_PRIORITY } from '../defaults/scheduling.js';
import type { KubeObject } from '../object.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../server.js';
import { admissionForbidden } from './forbidden.js';

/** `PluginName`. */
export const PRIORITY_PLUGIN_NAME = 'Priority';
/** The PriorityClass resource and group (`scheduling.Resource("priorityclasses")`). */
export const PRIORITY_CLASS_RESOURCE = { resource: 'priorityclasses', group: 'scheduling.k8s.io' } as const;

/** The plugin's refusals, word for word. */
export const PriorityAdmissionErrors = {
  /** A pod names a class that does not exist. */
  classNotFound: (name: string) => `no PriorityClass with name ${name} was found`,
  /** A pod carries an integer priority other than the one its class gives. */
  priorityMismatch: (given: number, computed: number) =>
    `the integer value of priority (${given}) must not be provided in pod spec; priority admission controller computed ${computed} from the given PriorityClass name`,
  /** A pod carries a preemption policy other than the one its class gives. */
  preemptionPolicyMismatch: (given: string, computed: string) =>
    `the string value of PreemptionPolicy (${given}) must not be provided in pod spec; priority admission controller computed ${computed} from the given PriorityClass name`,
  /** A second class would become the global default. */
  defaultExists: (existing: string) => `PriorityClass ${existing} is already marked as default. Only one default can exist`,
} as const;

/** Read access to the stored PriorityClasses (the plugin's lister). */
export interface PriorityClassLister {
  get(name: string): KubeObject | undefined;
  list(): Iterable<KubeObject>;
}

const isSet = (v: unknown) => v !== undefined && v !== null;

/** `getDefaultPriorityClass`: the global default with the lowest value, or undefined. */
export function getDefaultPriorityClass(lister: PriorityClassLister): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const pc of lister.list()) {
    if (pc.globalDefault !== true) continue;
    const value = (pc.value as number | undefined) ?? 0;
    const bestValue = (best?.value as number | undefined) ?? 0;
    if (!best || value < bestValue || (value === bestValue && (pc.metadata.name ?? '') < (best.metadata.name ?? ''))) best = pc;
  }
  return best;
}

/** `admitPod`, CREATE: resolve and check the priority and the preemption policy. */
function admitPodCreate(attrs: AdmissionAttributes, lister: PriorityClassLister): void {
  attrs.object.spec ??= {};
  const spec: any = attrs.object.spec;
  const forbidden = (why: string) => admissionForbidden(attrs, 'pods', '', why);
  let priority: number;
  let policy: string | undefined;
  if (!spec.priorityClassName) {
    const dpc = getDefaultPriorityClass(lister);
    priority = dpc ? ((dpc.value as number | undefined) ?? 0) : DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS;
    policy = dpc ? (dpc.preemptionPolicy as string | undefined) : PREEMPT_LOWER_PRIORITY;
    // pod.Spec.PriorityClassName = pcName: the default's name, or "" (omitted).
    if (dpc) spec.priorityClassName = dpc.metadata.name;
    else delete spec.priorityClassName;
  } else {
    const pc = lister.get(spec.priorityClassName);
    if (!pc) throw forbidden(PriorityAdmissionErrors.classNotFound(spec.priorityClassName));
    priority = (pc.value as number | undefined) ?? 0;
    policy = pc.preemptionPolicy as string | undefined;
  }
  if (isSet(spec.priority) && spec.priority !== priority) throw forbidden(PriorityAdmissionErrors.priorityMismatch(spec.priority, priority));
  spec.priority = priority;
  if (policy !== undefined) {
    if (isSet(spec.preemptionPolicy) && spec.preemptionPolicy !== policy) {
      throw forbidden(PriorityAdmissionErrors.preemptionPolicyMismatch(spec.preemptionPolicy, policy));
    }
    spec.preemptionPolicy = policy;
  }
}

/** `admitPod`, UPDATE: keep the priority and policy set on create when the update leaves them out. */
function admitPodUpdate(attrs: AdmissionAttributes): void {
  const spec: any = attrs.object.spec;
  const oldSpec: any = attrs.old?.spec;
  if (!spec || !oldSpec) return;
  if (!isSet(spec.priority) && isSet(oldSpec.priority)) spec.priority = oldSpec.priority;
  if (!isSet(spec.preemptionPolicy) && isSet(oldSpec.preemptionPolicy)) spec.preemptionPolicy = oldSpec.preemptionPolicy;
}

/** `validatePriorityClass`: a class may become the global default only when no other one is. */
function validatePriorityClass(attrs: AdmissionAttributes, lister: PriorityClassLister): void {
  const pc = attrs.object;
  if (pc.globalDefault !== true) return;
  const dpc = getDefaultPriorityClass(lister);
  if (!dpc) return;
  if (attrs.operation === 'CREATE' || dpc.metadata.name !== pc.metadata.name) {
    throw admissionForbidden(attrs, PRIORITY_CLASS_RESOURCE.resource, PRIORITY_CLASS_RESOURCE.group, PriorityAdmissionErrors.defaultExists(dpc.metadata.name ?? ''));
  }
}

/** The Priority admission plugin over the PriorityClasses of `lister`. */
export function priorityPlugin(lister: PriorityClassLister): AdmissionPlugin {
  return {
    name: PRIORITY_PLUGIN_NAME,
    admit(attrs) {
      if (attrs.kind !== 'Pod') return;
      if (attrs.operation === 'CREATE') admitPodCreate(attrs, lister);
      else admitPodUpdate(attrs);
    },
    validate(attrs) {
      if (attrs.kind === 'PriorityClass') validatePriorityClass(attrs, lister);
    },
  };
}
