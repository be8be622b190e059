/**
 * `kubectl replace -f`: each object PUT whole (`pod/x replaced`); a missing object is NotFound
 * (`error when replacing "STDIN": …`), a stale `resourceVersion` a Conflict. `--force` deletes
 * every object, waits until each is gone (virtual time, `--timeout`, 5 minutes by default), then
 * creates them again.
 * @see kubectl pkg/cmd/replace/replace.go (Complete, Validate, Run, forceReplace)
 */
import { type Command, type Invocation, timeoutMs, waitFor } from '../command.js';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { addSourceToErr, clientError } from '../errors.js';
import { type ManifestItem, type ManifestTarget, manifestTarget, readManifests } from '../manifests.js';
import { checkWrittenOutput, printWritten } from '../printers/written.js';
import { kindPrefix } from '../resources.js';
import { finish } from './modify.js';

/** `forceReplace`'s default wait for the deleted objects to be gone. */
const FORCE_WAIT_DEFAULT_MS = 5 * 60_000;

/** `kubectl replace`. */
export const replaceCommand: Command = {
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', def: '-1' },
    { name: 'timeout', type: 'string' },
    { name: 'wait', type: 'bool' },
    { name: 'cascade', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string' },
    { name: 'field-manager', type: 'string' },
    DRY_RUN_FLAG,
  ],
  run(inv) {
    const a = inv.args;
    // Complete: the dry-run strategy, the printer, then a file is required.
    const strategy = dryRunStrategy(inv);
    const output = a.string('output');
    checkWrittenOutput(output);
    if (!a.has('filename')) throw clientError('must specify one of -f and -k');
    // Validate.
    const force = a.bool('force');
    const grace = a.int('grace-period', -1);
    if (grace >= 0 && !force) throw clientError('--grace-period must have --force specified');
    const timeout = a.string('timeout');
    if (timeout !== '' && timeoutMs(timeout, 0) !== 0 && !force) throw clientError('--timeout must have --force specified');
    const items = readManifests(inv.ctx, a.strings('filename'), inv.stdin, 'replace', a.bool('recursive'));
    if (force) return forceReplace(inv, items, grace, timeoutMs(timeout, FORCE_WAIT_DEFAULT_MS));
    const suffix = dryRunSuffix(strategy);
    const errs: unknown[] = [];
    let printed = 0;
    for (const item of items) {
      try {
        const { info, input } = manifestTarget(inv, item);
        // A client dry run prints the object as read and sends nothing.
        const object = strategy === 'client' ? input : inv.ctx.core.api.update(input, { dryRun: strategy === 'server' });
        inv.out(printWritten([{ info, object }], output, `replaced${suffix}`, printed++));
      } catch (e) {
        errs.push(addSourceToErr('replacing', item.source, e));
      }
    }
    if (strategy === 'none') inv.ctx.core.loop.settle();
    return finish(inv, errs);
  },
};

/**
 * `forceReplace`: deletes every object (NotFound ignored; `--grace-period=0` becomes 1), waits
 * until each is gone, then creates each again. A dry run is not applied here, as upstream's force
 * path does not look at it.
 */
function forceReplace(inv: Invocation, items: readonly ManifestItem[], grace: number, waitMs: number): number {
  const core = inv.ctx.core;
  const output = inv.args.string('output');
  const targets = items.map((item) => manifestTarget(inv, item));
  const gracePeriodSeconds = grace === 0 ? 1 : grace;
  const deleted: (ManifestTarget & { uid?: string })[] = [];
  for (const t of targets) {
    const { namespace, name = '' } = t.input.metadata;
    const live = core.store.get(t.info.kind, t.info.namespaced ? namespace : undefined, name);
    if (!live) continue;
    core.api.delete(t.info.kind, live.metadata.namespace, name, gracePeriodSeconds >= 0 ? { gracePeriodSeconds } : {});
    inv.out(output === 'name' ? `${kindPrefix(t.info)}/${name}\n` : `${kindPrefix(t.info)} ${JSON.stringify(name)} deleted\n`);
    deleted.push({ ...t, uid: live.metadata.uid });
  }
  core.loop.settle();
  const gone = () => deleted.every((d) => core.store.get(d.info.kind, d.input.metadata.namespace, d.input.metadata.name ?? '')?.metadata.uid !== d.uid);
  if (!waitFor(inv, gone, waitMs)) throw clientError('timed out waiting for the condition');
  const errs: unknown[] = [];
  let printed = 0;
  for (const t of targets) {
    try {
      const created = core.api.create(t.input);
      inv.out(printWritten([{ info: t.info, object: created }], output, 'replaced', printed++));
    } catch (e) {
      errs.push(e);
    }
  }
  core.loop.settle();
  return finish(inv, errs);
}
