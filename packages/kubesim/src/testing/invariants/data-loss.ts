/**
 * `no-ebs-data-loss`: a stateful checker. Every file once seen on an EBS volume is still there at
 * every later check while the volume exists (nothing in kubesim's operations deletes files, so a
 * missing one means data was lost: a volume recreated, a filesystem swapped, a wrong re-attach).
 */
import type { Cluster } from '../../cluster.js';
import { type Invariant, type Violation, violation } from './invariant.js';

/** A fresh data-loss checker (it remembers what it saw, so use one per run). */
export function noEbsDataLoss(): Invariant {
  const seen = new Map<string, Set<string>>();
  return {
    id: 'no-ebs-data-loss',
    description: 'no data written to an EBS volume is lost while the volume exists',
    check(cluster: Cluster): Violation[] {
      const out: Violation[] = [];
      for (const v of cluster.components.storage?.ec2.volumes() ?? []) {
        if (v.state === 'deleted' || v.state === 'deleting') {
          seen.delete(v.volumeId);
          continue;
        }
        const files = new Set(listFiles(v.fs));
        const before = seen.get(v.volumeId);
        for (const f of before ?? []) {
          if (!files.has(f)) out.push(violation(cluster, 'no-ebs-data-loss', `${v.volumeId} lost ${f}`, [`volume/${v.volumeId}`]));
        }
        seen.set(v.volumeId, new Set([...(before ?? []), ...files]));
      }
      return out;
    },
  };
}

function listFiles(fs: { list(dir?: string): string[]; isDirectory(path: string): boolean }, dir = ''): string[] {
  const out: string[] = [];
  for (const name of fs.list(dir)) {
    const path = dir ? `${dir}/${name}` : name;
    if (fs.isDirectory(path)) out.push(...listFiles(fs, path));
    else out.push(path);
  }
  return out;
}
