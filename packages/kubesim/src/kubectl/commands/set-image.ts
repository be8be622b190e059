/**
 * `kubectl set image TYPE NAME CONTAINER=IMAGE…`: sets the image of the named containers (`*`:
 * all of them, init containers included) in each object's pod spec.
 * @see kubectl pkg/cmd/set/set_image.go, pkg/cmd/util/helpers.go (GetResourcesAndPairs, ParsePairs)
 */
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { KubectlError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import { parsePairs } from '../pairs.js';
import { checkWrittenOutput } from '../printers/written.js';
import {
  ALL_AND_SELECTOR,
  COMMON_FLAGS,
  type Container,
  calculatePatches,
  fail,
  type GoError,
  LOCAL_RESOURCE_ERROR,
  LOCAL_SERVER_DRY_RUN,
  NO_RESOURCES,
  RECORD_FLAG,
  recorder,
  resolveTargets,
  resourcesAndPairs,
  type SetSubcommand,
  writePatches,
} from './set-helper.js';

const IMAGE_FLAGS: readonly FlagSpec[] = [...COMMON_FLAGS, RECORD_FLAG];

/** `kubectl set image`. */
export const setImageCommand: SetSubcommand = {
  flags: IMAGE_FLAGS,
  short: 'Update the image of a pod template',
  run: (inv, args) => setImage(inv, args),
};

function setImage(inv: Invocation, args: string[]): number {
  // Complete: recorder, dry run, printer, the pairs, then the builder; Validate after.
  const record = recorder(inv, 'image', IMAGE_FLAGS);
  const strategy = dryRunStrategy(inv);
  const output = inv.args.string('output');
  checkWrittenOutput(output);
  const { resources, pairs } = resourcesAndPairs(args, 'image');
  const images = parsePairs(pairs, 'image');
  const local = inv.args.bool('local');
  if (local && resources.length > 0) throw new KubectlError(LOCAL_RESOURCE_ERROR);
  const selector = inv.args.string('selector').trim() || undefined;
  const all = inv.args.bool('all');
  const targets = resolveTargets(inv, resources, { local, selector, all });
  const invalid: string[] = [];
  if (all && selector) invalid.push(ALL_AND_SELECTOR);
  if (resources.length < 1 && inv.args.strings('filename').length === 0) invalid.push(NO_RESOURCES);
  if (images.size < 1) invalid.push('at least one image update is required');
  else if (images.size > 1 && images.has('*')) invalid.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (local && strategy === 'server') invalid.push(LOCAL_SERVER_DRY_RUN);
  if (invalid.length > 0) return fail(inv, invalid);

  const errs: GoError[] = [];
  const setIn = (containers: Container[] | undefined, name: string, image: string) => {
    let found = false;
    for (const c of containers ?? []) {
      if (c.name === name || name === '*') {
        found = true;
        c.image = image;
      }
    }
    return found;
  };
  const patches = calculatePatches(targets, (spec, obj) => {
    for (const [name, image] of images) {
      const initFound = setIn(spec.initContainers, name, image);
      const found = setIn(spec.containers, name, image);
      if (!found && !initFound) errs.push(`error: unable to find container named ${JSON.stringify(name)}`);
    }
    record?.(obj);
    return true;
  });
  return writePatches(inv, patches, errs, { strategy, output, local, operation: 'image updated', failure: 'failed to patch image update to pod template: ' });
}
