/**
 * Event reasons of the kubelet, the node lifecycle / taint-eviction controllers and pod GC, in
 * one `as const` table. Message formatters live beside the code that emits them.
 * @see kubernetes pkg/kubelet/events/event.go, pkg/controller/tainteviction/taint_eviction.go,
 * pkg/controller/util/node/controller_utils.go
 */

/** Event reasons, exactly as upstream spells them. */
export const NodeAgentReasons = {
  /** events.PullingImage */
  Pulling: 'Pulling',
  /** events.PulledImage */
  Pulled: 'Pulled',
  /** events.CreatedContainer */
  Created: 'Created',
  /** events.StartedContainer */
  Started: 'Started',
  /** events.FailedToCreateContainer (also FailedToStartContainer, FailedToPullImage) */
  Failed: 'Failed',
  /** events.KillingContainer */
  Killing: 'Killing',
  /** events.BackOffStartContainer */
  BackOff: 'BackOff',
  /** events.ContainerUnhealthy: a probe failed or errored. */
  Unhealthy: 'Unhealthy',
  /** events.ContainerProbeWarning: an HTTP probe answered with a redirect it did not follow. */
  ProbeWarning: 'ProbeWarning',
  /** events.FailedMountVolume */
  FailedMount: 'FailedMount',
  /** events.FileSystemResizeSuccess (on the pod and the claim) */
  FileSystemResizeSuccessful: 'FileSystemResizeSuccessful',
  /** events.FileSystemResizeFailed */
  FileSystemResizeFailed: 'FileSystemResizeFailed',
  /** events.NodeReady (kubelet, on the Node) */
  NodeReady: 'NodeReady',
  /** NodeNotReady: node lifecycle controller on the Node and on each of its pods. */
  NodeNotReady: 'NodeNotReady',
  /** taint_eviction.go, on the evicted pod. */
  TaintManagerEviction: 'TaintManagerEviction',
} as const;

/** Event source components. */
export const NodeAgentComponents = {
  kubelet: 'kubelet',
  nodeController: 'node-controller',
  taintEviction: 'taint-eviction-controller',
} as const;
