/**
 * `aws ec2` tag and zone commands over the EBS model: create-tags, delete-tags and describe-tags
 * for volumes and snapshots, and describe-availability-zones for the cluster's region.
 * @see AWS CLI reference `aws ec2 create-tags`, `delete-tags`, `describe-tags`,
 *      `describe-availability-zones`; AWS EC2 API reference CreateTags, DeleteTags, DescribeTags,
 *      DescribeAvailabilityZones
 */
import { type Ec2Error, ec2Errors } from '@kubesim/storage';
import type { ParsedArgs } from './args.js';
import { type Ec2Command, words } from './ec2-volumes.js';
import type { Json } from './jmespath.js';
import { parseFilters, parseTags } from './shorthand.js';

/** Ids of a list-of-strings parameter: separate words or comma-separated (an empty one stays, for EC2 to refuse). */
function ids(args: ParsedArgs, name: string): string[] {
  return words(args, name).flatMap((w) => w.split(','));
}

/** In another region no volume or snapshot exists: the error of the first id. */
function missingResource(id: string): Ec2Error {
  if (/^vol-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id)) return ec2Errors.volumeNotFound(id);
  if (/^snap-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id)) return ec2Errors.snapshotNotFound(id);
  return ec2Errors.invalidId(id);
}

/** The tag and zone commands by CLI name. */
export const TAG_COMMANDS: Readonly<Record<string, Ec2Command>> = {
  'create-tags': {
    operation: 'CreateTags',
    params: [
      { name: 'resources', kind: 'list', required: true },
      { name: 'tags', kind: 'list', required: true },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const resources = ids(args, 'resources');
      const tags = parseTags(words(args, 'tags'));
      if (foreign) throw missingResource(resources[0]);
      ctx.ec2.createTags({ Resources: resources, Tags: tags });
      return null;
    },
  },
  'delete-tags': {
    operation: 'DeleteTags',
    params: [
      { name: 'resources', kind: 'list', required: true },
      { name: 'tags', kind: 'list' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const resources = ids(args, 'resources');
      const tags = args.params.has('tags') ? parseTags(words(args, 'tags')) : undefined;
      if (foreign) throw missingResource(resources[0]);
      ctx.ec2.deleteTags({ Resources: resources, Tags: tags });
      return null;
    },
  },
  'describe-tags': {
    operation: 'DescribeTags',
    params: [
      { name: 'filters', kind: 'list' },
      { name: 'max-results', kind: 'integer' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const filters = parseFilters(words(args, 'filters'));
      const tags = foreign ? [] : ctx.ec2.describeTags({ Filters: filters });
      return { Tags: tags.map((t) => ({ ...t })) };
    },
  },
  'describe-availability-zones': {
    operation: 'DescribeAvailabilityZones',
    params: [
      { name: 'zone-names', kind: 'list' },
      { name: 'all-availability-zones', kind: 'boolean' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const names = ids(args, 'zone-names');
      if (foreign && names.length > 0) throw ec2Errors.zoneNotFound(names[0]);
      const zones = foreign ? [] : ctx.ec2.describeAvailabilityZones({ ZoneNames: names });
      return { AvailabilityZones: zones.map((z) => ({ ...z, Messages: [...z.Messages] })) as Json };
    },
  },
};
