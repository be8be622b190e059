/**
 * `kubectl kustomize [DIR]` (kustomize v5.6's `build`, embedded in kubectl 1.33) and the
 * `-k DIR` input of `apply`, `create`, `delete` and `get`: cli-runtime's `FilenameOptions` checks
 * (`-k` alone) and the build read back as a stream of objects whose source is `DIR`.
 * @remarks Of `build`'s flags, `--output`/`-o` (a file, not a directory) and `--load-restrictor`
 * are emulated; the plugin, Helm and network flags are not declared, so they are refused. The
 * texts of `build`'s own argument checks (one path, `--load-restrictor` values) are recalled from
 * kustomize's source, not checked against a binary.
 * @see kubectl pkg/cmd/kustomize/kustomize.go, kustomize kustomize/commands/build/build.go,
 *   cli-runtime pkg/resource/builder.go (FilenameOptions.validate), visitor.go (KustomizeVisitor)
 */
import type { Command, Invocation } from '../command.js';
import { clientError, KubectlError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import { kustomizeItems, kustomizeYaml } from '../kustomize/build.js';
import { KustomizeError } from '../kustomize/resource.js';
import { LocalFileError, type LocalFiles, memoryFiles } from '../local-files.js';
import { type ManifestItem, readManifests } from '../manifests.js';

/** `-k, --kustomize DIR`. */
export const KUSTOMIZE_FLAG: FlagSpec = { name: 'kustomize', short: 'k', type: 'string' };

const LOAD_RESTRICTORS = ['LoadRestrictionsRootOnly', 'LoadRestrictionsNone'];

/** `kubectl kustomize`. */
export const kustomizeCommand: Command = {
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'load-restrictor', type: 'string' },
  ],
  run(inv) {
    const args = inv.args.args;
    if (args.length > 1) throw clientError('specify one path to kustomization.yaml');
    const restrictor = inv.args.string('load-restrictor');
    if (restrictor !== '' && !LOAD_RESTRICTORS.includes(restrictor)) {
      throw clientError(`illegal flag value --load-restrictor ${restrictor}; legal values: [${LOAD_RESTRICTORS.join(' ')}]`);
    }
    const files = workstation(inv);
    let text: string;
    try {
      text = kustomizeYaml(files, args[0] ?? '.', { rootOnly: restrictor !== 'LoadRestrictionsNone', warn: (line) => inv.err(`${line}\n`) });
    } catch (e) {
      if (e instanceof KustomizeError) throw clientError(e.message);
      throw e;
    }
    const output = inv.args.string('output');
    if (output === '') {
      inv.out(text);
      return 0;
    }
    // kustomize writes one file per resource into an existing directory; kubesim does not.
    if (files.stat(output) === 'dir') throw clientError(`kubesim does not emulate kustomize's --output to a directory (${output})`);
    try {
      files.writeFile(output, text);
    } catch (e) {
      if (e instanceof LocalFileError) throw clientError(e.message);
      throw e;
    }
    return 0;
  },
};

/** The workstation's files (none: an empty one, where every path is missing). */
function workstation(inv: Invocation): LocalFiles {
  return inv.ctx.files ?? memoryFiles();
}

/** Whether the invocation reads its objects from `-f` or `-k`. */
export function hasFileInput(inv: Invocation): boolean {
  return inv.args.has('filename') || inv.args.string('kustomize') !== '';
}

/**
 * The objects `-f` or `-k` name, after `FilenameOptions.validate` (`-k` with neither `-f` nor
 * `-R`); `verb` for `no objects passed to <verb>`. A build's warnings go to stderr.
 */
export function readFileInput(inv: Invocation, verb: string): ManifestItem[] {
  const dir = inv.args.string('kustomize');
  if (dir === '') return readManifests(inv.ctx, inv.args.strings('filename'), inv.stdin, verb, inv.args.bool('recursive'));
  const errs: string[] = [];
  if (inv.args.has('filename')) errs.push('only one of -f or -k can be specified');
  if (inv.args.bool('recursive')) errs.push("the -k flag can't be used with -f or -R");
  // utilerrors.NewAggregate: one error alone, several as `[a, b]`.
  if (errs.length > 0) throw clientError(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
  const items = kustomizeItems(workstation(inv), dir, { warn: (line) => inv.err(`${line}\n`) });
  if (items.length === 0) throw new KubectlError(`error: no objects passed to ${verb}`);
  return items;
}
