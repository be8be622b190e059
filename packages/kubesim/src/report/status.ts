/**
 * How pod and node states map to the report's colours and labels.
 */

import type { NodeSnapshot, PodSnapshot } from './model.js';

/** The colour families a pod can be drawn in. */
export const POD_TONES = ['running', 'waiting', 'terminating', 'failed', 'done', 'other'] as const;

/** One of {@link POD_TONES}. */
export type PodTone = (typeof POD_TONES)[number];

const FAILED = new Set([
  'CrashLoopBackOff',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Evicted',
  'Failed',
  'ContainerStatusUnknown',
  'NodeAffinity',
  'OutOfpods',
  'UnexpectedAdmissionError',
]);

const WAITING = new Set(['ContainerCreating', 'Pending', 'PodInitializing']);

/**
 * The colour family of a pod from kubectl's STATUS column.
 *
 * @remarks Running is green, ContainerCreating/Pending/Init:* amber, Terminating grey,
 * CrashLoopBackOff/Error and other container errors red, Completed/Succeeded blue-grey.
 * @see kubernetes/kubectl pkg/cmd/get printPod (the STATUS column this reads)
 */
export function podTone(status: string): PodTone {
  if (status === 'Running') return 'running';
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (WAITING.has(status) || status.startsWith('Init:')) {
    return status.startsWith('Init:') && isFailedReason(status.slice(5)) ? 'failed' : 'waiting';
  }
  if (isFailedReason(status)) return 'failed';
  return 'other';
}

function isFailedReason(reason: string): boolean {
  return FAILED.has(reason) || reason.startsWith('Signal:') || reason.startsWith('ExitCode:');
}

/**
 * The STATUS kubectl prints for a node, with `Unknown` kept apart from `NotReady`.
 *
 * @remarks kubectl prints `NotReady` for both False and Unknown; the report distinguishes them
 * because an Unknown node (kubelet gone) is what blocks detaches for 6 minutes.
 * @see kubernetes/kubectl pkg/cmd/get printNode
 */
export function nodeStatusLabel(node: NodeSnapshot): string {
  const ready = node.ready === 'True' ? 'Ready' : node.ready === 'False' ? 'NotReady' : 'Unknown';
  return node.unschedulable ? `${ready},SchedulingDisabled` : ready;
}

/** CSS classes of a node box: its readiness and whether it is cordoned. */
export function nodeClasses(node: NodeSnapshot): string {
  const classes = ['node'];
  if (node.ready === 'False') classes.push('node-notready');
  if (node.ready === 'Unknown') classes.push('node-unknown');
  if (node.unschedulable) classes.push('node-cordoned');
  return classes.join(' ');
}

/** CSS classes of a pod box: its tone and `stuck`. */
export function podClasses(pod: PodSnapshot): string {
  return `pod pod-${podTone(pod.status)}${pod.stuck ? ' stuck' : ''}`;
}

/** `namespace/name` of a pod. */
export function podKey(pod: PodSnapshot): string {
  return `${pod.namespace}/${pod.name}`;
}
