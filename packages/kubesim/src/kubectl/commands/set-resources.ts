/**
 * `kubectl set resources TYPE NAME --limits=… --requests=…`: merges the quantities into the
 * `resources` of the selected containers (`-c`, init containers included) in each object's pod
 * spec; an equal quantity keeps its text.
 * @see kubectl pkg/cmd/set/set_resources.go,
 *   pkg/generate/versioned/run.go (HandleResourceRequirementsV1)
 */
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError, KubectlError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import { checkWrittenOutput } from '../printers/written.js';
import {
  ALL_AND_SELECTOR,
  COMMON_FLAGS,
  CONTAINERS_FLAG,
  calculatePatches,
  type GoError,
  LOCAL_RESOURCE_ERROR,
  LOCAL_SERVER_DRY_RUN,
  RECORD_FLAG,
  type ResourceList,
  recorder,
  resolveTargets,
  type SetSubcommand,
  selectContainers,
  writePatches,
} from './set-helper.js';

const RESOURCES_FLAGS: readonly FlagSpec[] = [
  ...COMMON_FLAGS,
  RECORD_FLAG,
  CONTAINERS_FLAG,
  { name: 'limits', type: 'string' },
  { name: 'requests', type: 'string' },
];

/** `kubectl set resources`. */
export const setResourcesCommand: SetSubcommand = {
  flags: RESOURCES_FLAGS,
  short: 'Update resource requests/limits on objects with pod templates',
  run: (inv, args) => setResources(inv, args),
};

/** `populateResourceListV1`: `name=quantity,…` (canonical quantities), undefined when empty. */
function resourceList(spec: string): Map<string, Quantity> | undefined {
  if (spec === '') return undefined;
  const out = new Map<string, Quantity>();
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw clientError(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    out.set(parts[0], parseQuantity(parts[1]));
  }
  return out;
}

/** Sets `wanted` into `list` (keys sorted, as the API server's JSON has them); an equal quantity keeps its text. */
function mergeResources(list: ResourceList | undefined, wanted: Map<string, Quantity>): ResourceList {
  const next: ResourceList = { ...list };
  for (const [name, q] of wanted) {
    const current = next[name];
    let same = false;
    if (current !== undefined) {
      try {
        same = compareQuantities(parseQuantity(String(current)), q) === 0;
      } catch {
        same = false;
      }
    }
    if (!same) next[name] = formatQuantity(q);
  }
  return Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function setResources(inv: Invocation, args: string[]): number {
  const record = recorder(inv, 'resources', RESOURCES_FLAGS);
  const strategy = dryRunStrategy(inv);
  const output = inv.args.string('output');
  checkWrittenOutput(output);
  const local = inv.args.bool('local');
  if (local && args.length > 0) throw new KubectlError(LOCAL_RESOURCE_ERROR);
  const selector = inv.args.string('selector').trim() || undefined;
  const all = inv.args.bool('all');
  const targets = resolveTargets(inv, args, { local, selector, all });
  // Validate.
  if (local && strategy === 'server') throw clientError(LOCAL_SERVER_DRY_RUN);
  if (all && selector) throw clientError(ALL_AND_SELECTOR);
  const limitsText = inv.args.string('limits');
  const requestsText = inv.args.string('requests');
  if (!limitsText && !requestsText) throw clientError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  const limits = resourceList(limitsText);
  const requests = resourceList(requestsText);

  const containerSelector = inv.args.string('containers', '*');
  const errs: GoError[] = [];
  const patches = calculatePatches(targets, (spec, obj) => {
    const containers = [...selectContainers(spec.containers, containerSelector), ...selectContainers(spec.initContainers, containerSelector)];
    if (containers.length === 0) {
      errs.push(`error: unable to find container named ${containerSelector}`);
      return false;
    }
    for (const c of containers) {
      c.resources ??= {};
      const resources = c.resources;
      if (limits) resources.limits = mergeResources(resources.limits, limits);
      if (requests) resources.requests = mergeResources(resources.requests, requests);
    }
    record?.(obj);
    return true;
  });
  return writePatches(inv, patches, errs, {
    strategy,
    output,
    local,
    operation: 'resource requirements updated',
    failure: 'failed to patch resources update to pod template ',
  });
}
