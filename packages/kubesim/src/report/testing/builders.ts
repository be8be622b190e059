/**
 * Builders of report-model fixtures, so tests state only what matters to them.
 */

import type {
  ClusterSnapshot,
  EventSnapshot,
  NodeSnapshot,
  PodSnapshot,
  ReportModel,
  ReportStep,
  VolumeSnapshot,
  ZoneSnapshot,
} from '../model.js';

/** A pod snapshot, Running 1/1 in `default` unless overridden. */
export function makePod(name: string, over: Partial<PodSnapshot> = {}): PodSnapshot {
  return { namespace: 'default', name, status: 'Running', ready: '1/1', stuck: false, claims: [], ...over };
}

/** A Ready, schedulable m5.large node snapshot without pods unless overridden. */
export function makeNode(name: string, instanceId: string, over: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return { name, instanceId, instanceType: 'm5.large', ready: 'True', unschedulable: false, pods: [], ...over };
}

/** A zone column. */
export function makeZone(name: string, nodes: readonly NodeSnapshot[]): ZoneSnapshot {
  return { name, nodes };
}

/** An available, unattached 1GiB gp2 volume snapshot unless overridden. */
export function makeVolume(volumeId: string, zone: string, over: Partial<VolumeSnapshot> = {}): VolumeSnapshot {
  return { volumeId, zone, sizeGiB: 1, volumeType: 'gp2', state: 'available', attachments: [], ...over };
}

/** A cluster snapshot. */
export function makeCluster(zones: readonly ZoneSnapshot[], volumes: readonly VolumeSnapshot[] = [], unscheduled: readonly PodSnapshot[] = []): ClusterSnapshot {
  return { zones, volumes, unscheduled };
}

/** An event line, Normal with count 1 unless overridden. */
export function makeEvent(reason: string, object: string, message: string, over: Partial<EventSnapshot> = {}): EventSnapshot {
  return { type: 'Normal', reason, object, message, count: 1, atMs: 0, ...over };
}

/** RFC 3339 time of `ms` after 2026-01-01T00:00:00Z (less than a day). */
export function fixtureTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `2026-01-01T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}Z`;
}

/** A step that succeeded with no events unless overridden. */
export function makeStep(index: number, command: string, cluster: ClusterSnapshot, over: Partial<ReportStep> = {}): ReportStep {
  const atMs = over.atMs ?? index * 1000;
  return { index, atMs, time: fixtureTime(atMs), command, output: '', exitCode: 0, events: [], cluster, ...over };
}

/** A report of `steps`. */
export function makeModel(steps: readonly ReportStep[], over: Partial<ReportModel> = {}): ReportModel {
  return { title: 'kubesim run', seed: 1, fingerprint: '0123456789abcdef', steps, ...over };
}
