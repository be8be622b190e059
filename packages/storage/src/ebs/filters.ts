/**
 * DescribeVolumes / DescribeSnapshots filters (`Name=…,Values=…`), with `*` and `?` wildcards.
 * @see AWS EC2 API reference DescribeVolumes "Filters"
 */
import type { EbsSnapshot, EbsVolume, Tag } from './volume.js';

/** One filter. */
export interface Ec2Filter {
  readonly Name: string;
  readonly Values: readonly string[];
}

/** An EC2 filter value's match: `*` any run of characters, `?` one. */
export function wildcard(pattern: string, value: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === value;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

function anyMatch(values: readonly string[], candidates: readonly string[]): boolean {
  return values.some((p) => candidates.some((c) => wildcard(p, c)));
}

function tagValues(tags: readonly Tag[], name: string): string[] | undefined {
  if (name === 'tag-key') return tags.map((t) => t.Key);
  if (name === 'tag-value') return tags.map((t) => t.Value);
  if (name.startsWith('tag:')) return tags.filter((t) => t.Key === name.slice(4)).map((t) => t.Value);
  return undefined;
}

/** The values a volume has for a filter name (undefined for unsupported names). */
function volumeValues(v: EbsVolume, name: string): string[] | undefined {
  switch (name) {
    case 'volume-id':
      return [v.volumeId];
    case 'status':
      return [v.state];
    case 'availability-zone':
      return [v.zone];
    case 'volume-type':
      return [v.volumeType];
    case 'size':
      return [String(v.sizeGiB)];
    case 'encrypted':
      return [String(v.encrypted)];
    case 'snapshot-id':
      return [v.snapshotId];
    case 'multi-attach-enabled':
      return [String(v.multiAttachEnabled)];
    case 'attachment.instance-id':
      return v.attachments.map((a) => a.instanceId);
    case 'attachment.status':
      return v.attachments.map((a) => a.state);
    case 'attachment.device':
      return v.attachments.map((a) => a.device);
    default:
      return tagValues(v.tags, name);
  }
}

/** Whether a volume passes every filter (filters AND, values OR). */
export function matchVolume(v: EbsVolume, filters: readonly Ec2Filter[]): boolean {
  return filters.every((f) => anyMatch(f.Values, volumeValues(v, f.Name) ?? []));
}

/** Whether a snapshot passes every filter. */
export function matchSnapshot(s: EbsSnapshot, filters: readonly Ec2Filter[]): boolean {
  return filters.every((f) => {
    const values =
      f.Name === 'snapshot-id' ? [s.snapshotId] : f.Name === 'volume-id' ? [s.volumeId] : f.Name === 'status' ? [s.state] : tagValues(s.tags, f.Name);
    return anyMatch(f.Values, values ?? []);
  });
}

/** Filter names the model understands for volumes. */
export const VOLUME_FILTER_NAMES = [
  'volume-id',
  'status',
  'availability-zone',
  'volume-type',
  'size',
  'encrypted',
  'snapshot-id',
  'multi-attach-enabled',
  'attachment.instance-id',
  'attachment.status',
  'attachment.device',
  'tag-key',
  'tag-value',
] as const;
