/**
 * `kubectl diff -f FILE`: what `apply` would change, as `diff -u -N` of two directories, the live
 * objects (`LIVE-…`) and the objects as a server dry run of the apply would leave them
 * (`MERGED-…`), each as YAML in a file named `<group>.<version>.<Kind>.<namespace>.<name>`, without
 * `managedFields`, Secret values masked. Exit 0 without differences, 1 with; errors exit 2.
 *
 * Design: no files are written; the temporary directory names come from an RNG stream forked per
 * call (virtual time and store writes), the files' times are virtual now.
 * @see kubectl pkg/cmd/diff/diff.go (Differ, DiffProgram, Masker, InfoObject), GNU diff -u -N
 */
import { cloneData, type KindInfo, type KubeObject, toYaml } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { KubectlError, renderErrors } from '../errors.js';
import { manifestTarget, readManifests } from '../manifests.js';
import { withTypeMeta } from '../printers/output.js';
import { linesOf, unifiedHunks } from '../unified-diff.js';

/** `diff.go`'s file name of an object: `group.version.Kind.namespace.name` (no group for core). */
function fileName(info: KindInfo, obj: KubeObject): string {
  const version = info.group ? `${info.group}.${info.version}` : info.version;
  return [version, info.kind, obj.metadata.namespace, obj.metadata.name].filter((p) => p !== undefined && p !== '').join('.');
}

/** The object as the YAML printer writes it for diff: no `managedFields`. */
function printed(info: KindInfo, obj: KubeObject | undefined, showManagedFields: boolean): string {
  if (!obj) return '';
  const copy = cloneData(withTypeMeta(info, obj)) as KubeObject & { metadata: { managedFields?: unknown } };
  if (!showManagedFields) delete copy.metadata.managedFields;
  return toYaml(copy);
}

/** `Masker`: Secret values become `***`, or `*** (before)` / `*** (after)` where they differ. */
function maskSecrets(live: KubeObject | undefined, merged: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  const mask = (obj: KubeObject | undefined, other: KubeObject | undefined, changed: string) => {
    if (!obj) return obj;
    const data = (obj as { data?: Record<string, string> }).data;
    if (!data) return obj;
    const otherData = (other as { data?: Record<string, string> } | undefined)?.data;
    const masked: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) masked[k] = otherData && k in otherData && otherData[k] !== v ? changed : '***';
    return { ...obj, data: masked } as KubeObject;
  };
  return [mask(live, merged, '*** (before)'), mask(merged, live, '*** (after)')];
}

/** GNU diff's file time: `YYYY-MM-DD HH:MM:SS.nnnnnnnnn +0000`. */
function fileTime(inv: Invocation): string {
  return inv.ctx.core.clock.rfc3339NanoFixed().replace('T', ' ').replace('Z', ' +0000');
}

/** `kubectl diff`. */
export const diffCommand: Command = {
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'server-side', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'concurrency', type: 'int' },
  ],
  run(inv) {
    if (!inv.args.has('filename')) throw new KubectlError('error: must specify one of -f and -k', 2);
    const core = inv.ctx.core;
    const rng = core.rng.fork(`kubectl/diff/${core.clock.now()}/${core.store.writes}`);
    // os.MkdirTemp("", "LIVE-"): a random uint32 in decimal.
    const liveDir = `/tmp/LIVE-${rng.int(0, 0xffffffff)}`;
    const mergedDir = `/tmp/MERGED-${rng.int(0, 0xffffffff)}`;
    const files: { name: string; live: string; merged: string }[] = [];
    const errs: unknown[] = [];
    for (const item of readManifests(inv.ctx, inv.args.strings('filename'), inv.stdin, 'diff', inv.args.bool('recursive'))) {
      try {
        const { info, input } = manifestTarget(inv, item);
        let live = core.store.get(info.kind, info.namespaced ? input.metadata.namespace : undefined, input.metadata.name ?? '');
        let merged: KubeObject | undefined = core.api.apply(input, { dryRun: true }).object;
        if (info.kind === 'Secret') [live, merged] = maskSecrets(live, merged);
        const showManaged = inv.args.bool('show-managed-fields');
        files.push({ name: fileName(info, merged ?? input), live: printed(info, live, showManaged), merged: printed(info, merged, showManaged) });
      } catch (e) {
        errs.push(e);
      }
    }
    if (errs.length) throw new KubectlError(renderErrors(errs), 2);
    // `diff -u -N` over the two directories: the files in name order, those that differ.
    const time = fileTime(inv);
    let differs = false;
    for (const f of files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const hunks = unifiedHunks(linesOf(f.live), linesOf(f.merged));
      if (!hunks) continue;
      differs = true;
      const a = `${liveDir}/${f.name}`;
      const b = `${mergedDir}/${f.name}`;
      inv.out(`diff -u -N ${a} ${b}\n--- ${a}\t${time}\n+++ ${b}\t${time}\n${hunks}`);
    }
    return differs ? 1 : 0;
  },
};
