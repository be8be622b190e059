/**
 * `kubectl edit (TYPE[/NAME] | -f FILE)`: the objects as YAML (or `-o json`) in a temporary
 * file under the edit header, handed to the editor; what comes back is compared without its
 * comments, parsed, and each changed object patched with a two-way strategic merge patch (a JSON
 * merge patch for kinds without Go types). An invalid object or a syntax error reopens the editor
 * with the failures in the header; the same text again cancels, keeping a copy of the file.
 *
 * kubesim has no terminal, so the editor is the function given as `kubectl(line, { editor })`:
 * it gets the file's text and path and returns the saved text.
 * @see kubectl pkg/cmd/edit/edit.go, pkg/cmd/util/editor/editoptions.go (Run, editResults,
 *   editHeader, preservedFile, hasLines), pkg/cmd/util/helpers.go (StripComments, ManualStrip)
 */
import {
  createMergePatch,
  createTwoWayMergePatch,
  deepEqual,
  isStatusError,
  KIND_SCHEMAS,
  type KindInfo,
  type KubeObject,
  ManifestError,
  marshalGoJson,
  parseManifests,
  parseYamlDocuments,
  sortedKeys,
  toYaml,
} from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { clientError, KubectlError } from '../errors.js';
import { FILENAME_FLAGS, readManifests } from '../manifests.js';
import { toJson, withTypeMeta } from '../printers/output.js';
import { listObjects, MISSING_RESOURCE_ERROR, objectRef, parseResourceArgs } from '../resources.js';

/** `editHeader.writeTo` in normal edit mode. */
export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The edit's messages (editoptions.go). */
export const EditMessages = {
  noChanges: 'Edit cancelled, no changes made.',
  empty: 'Edit cancelled, saved file was empty.',
  noValidChanges: 'Edit cancelled, no valid changes were saved.',
  noObjects: 'edit cancelled, no objects found',
  identityChanged: 'At least one of apiVersion, kind and name was changed',
  noEditor: 'kubesim has no terminal to run an editor in: pass { editor: (text, file) => savedText } to cluster.kubectl',
} as const;

/**
 * How many times the editor may be reopened before the edit is cancelled as if nothing valid was
 * saved (kubesim's guard: a person stops, an editor function that keeps saving new invalid text
 * would not).
 */
export const MAX_EDIT_ROUNDS = 50;

/** One failure to list in the reopened file's header (`editReason`). */
interface EditReason {
  readonly head: string;
  readonly other: readonly string[];
}

/** An object being edited. */
interface Target {
  readonly info: KindInfo;
  readonly obj: KubeObject;
}

/** `hashOnLineBreak`: continues a multi-line text as comment lines. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
}

/** The header with the failures of the last save. */
function header(reasons: readonly EditReason[]): string {
  let out = EDIT_HEADER;
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** `ManualStrip`: the lines that are not comments (`#!` is kept). */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const t = line.trim();
      return !(t.startsWith('#') && !t.startsWith('#!'));
    })
    .join('\n');
}

/** `StripComments`: the text as JSON when it is YAML (comments and layout gone), else `ManualStrip`. */
function stripComments(text: string): string {
  const docs = parseYamlDocuments(text);
  if (docs.length !== 1 || docs[0].error) return manualStrip(text);
  return JSON.stringify(sortedKeys(docs[0].value));
}

/** `hasLines`: whether a line is neither blank nor a comment. */
function hasLines(text: string): boolean {
  return text.split('\n').some((line) => {
    const t = line.trim();
    return t.length > 0 && !t.startsWith('#');
  });
}

/** The objects `edit` works on: by file, or by type and names (a type alone: all of them in the namespace). */
function editTargets(inv: Invocation): Target[] {
  const args = inv.args.args;
  if (inv.args.has('filename')) {
    if (args.length > 0) throw clientError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    return readManifests(inv.ctx, inv.args.strings('filename'), inv.stdin, 'edit', inv.args.bool('recursive')).map((item) => {
      const info = inv.ctx.core.kinds.forManifest(item.object.apiVersion, item.object.kind);
      if (!info) throw clientError(`no matches for kind ${JSON.stringify(item.object.kind)} in version ${JSON.stringify(item.object.apiVersion)}`);
      const ns = info.namespaced ? item.object.metadata?.namespace || inv.namespace : undefined;
      return { info, obj: inv.ctx.core.api.mustGet(info.kind, ns, item.object.metadata?.name ?? '') };
    });
  }
  const requests = parseResourceArgs(inv.ctx, args, inv.path);
  if (requests.length === 0) throw clientError(MISSING_RESOURCE_ERROR);
  const out: Target[] = [];
  for (const r of requests) {
    if (r.names.length === 0) {
      for (const obj of listObjects(inv.ctx, r.info, { namespace: inv.namespace, allNamespaces: false })) out.push({ info: r.info, obj });
      continue;
    }
    for (const name of r.names) out.push({ info: r.info, obj: inv.ctx.core.api.mustGet(r.info.kind, r.info.namespaced ? inv.namespace : undefined, name) });
  }
  return out;
}

/** `kubectl edit`. */
export const editCommand: Command = {
  flags: [
    ...FILENAME_FLAGS,
    { name: 'output', short: 'o', type: 'string' },
    { name: 'output-patch', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string' },
    { name: 'record', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
  ],
  run(inv) {
    const output = inv.args.string('output') || 'yaml';
    if (output !== 'yaml' && output !== 'json') {
      throw clientError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: json,yaml`);
    }
    const subresource = inv.args.string('subresource');
    if (subresource && subresource !== 'status') throw clientError(`invalid subresource value: ${JSON.stringify(subresource)}. Must be one of [status]`);
    if (subresource) throw clientError('kubesim does not model editing the status subresource');
    const targets = editTargets(inv);
    if (targets.length === 0) throw clientError(EditMessages.noObjects);
    const editor = inv.editor;
    if (!editor) throw clientError(EditMessages.noEditor);
    return new EditSession(inv, targets, output, editor).run();
  },
};

/** One `editFn` run: the loop that edits until a save succeeds or is cancelled. */
class EditSession {
  private readonly core;
  private readonly rng;
  private readonly original: string;
  /** The last temporary file written (`results.file`). */
  private file = '';

  constructor(
    private readonly inv: Invocation,
    private readonly targets: readonly Target[],
    private readonly output: 'yaml' | 'json',
    private readonly editor: (text: string, file: string) => string,
  ) {
    this.core = inv.ctx.core;
    this.rng = this.core.rng.fork(`kubectl/edit/${this.core.clock.now()}/${this.core.store.writes}`);
    const objects = targets.map((t) => withTypeMeta(t.info, t.obj));
    const shown = objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: {} };
    this.original = output === 'json' ? toJson(shown) : toYaml(shown);
  }

  run(): number {
    const inv = this.inv;
    let reasons: EditReason[] = [];
    let containsError = false;
    let edited = '';
    for (let round = 1; ; round++) {
      if (round > MAX_EDIT_ROUNDS) return this.preserved(EditMessages.noValidChanges);
      const text = containsError ? `${header(reasons)}${manualStrip(edited)}` : `${this.output === 'yaml' ? header([]) : ''}${this.original}`;
      const previous = edited;
      edited = this.launch(text);
      if (containsError && stripComments(previous) === stripComments(edited)) return this.preserved(EditMessages.noValidChanges);
      if (stripComments(this.original) === stripComments(edited)) {
        inv.err(`${EditMessages.noChanges}\n`);
        return 0;
      }
      if (!hasLines(edited)) {
        inv.err(`${EditMessages.empty}\n`);
        return 0;
      }
      let updated: KubeObject[];
      try {
        updated = parseManifests(edited, 'edited-file');
      } catch (e) {
        if (!(e instanceof ManifestError)) throw e;
        containsError = true;
        reasons = [{ head: `The edited file had a syntax error: ${e.message.replace(/^error: /, '')}`, other: [] }];
        continue;
      }
      containsError = false;
      reasons = [];
      const outcome = this.patchAll(updated, reasons);
      if (typeof outcome === 'number') return outcome;
      if (reasons.length === 0) return 0;
      containsError = true;
    }
  }

  /** `LaunchTempFile`: writes the text to a new `/tmp/kubectl-edit-<n>.yaml` and runs the editor on it. */
  private launch(text: string): string {
    const file = `/tmp/kubectl-edit-${this.rng.int(0, 0xffffffff)}.${this.output}`;
    const files = this.inv.ctx.files;
    files?.mkdirAll('/tmp');
    files?.writeFile(file, text);
    const saved = this.editor(text, file);
    if (typeof saved !== 'string') throw clientError('the editor must return the saved text');
    files?.writeFile(file, saved);
    this.file = file;
    return saved;
  }

  /** `preservedFile`: where the changes were kept, then the error. */
  private preserved(message: string): number {
    this.inv.err(`A copy of your changes has been stored to ${JSON.stringify(this.file)}\n`);
    throw new KubectlError(`error: ${message}`);
  }

  /**
   * `visitToPatch` over the saved objects: each unchanged one `skipped`, each changed one patched
   * and `edited`; an invalid one adds a reason (the editor reopens). Returns an exit code when
   * the session ends here.
   */
  private patchAll(updated: readonly KubeObject[], reasons: EditReason[]): number | undefined {
    const inv = this.inv;
    let retryable = 0;
    let notFound = 0;
    for (const obj of updated) {
      // The accessor reads a field that is no string as "" (unstructured's NestedString).
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      const original = this.targets.find((t) => t.obj.metadata.uid !== undefined && t.obj.metadata.uid === obj.metadata?.uid);
      if (!original) return this.preserved(`no original object found for ${text(obj.kind)}/${text(obj.metadata?.name)}`);
      const namespace = text(obj.metadata?.namespace);
      if (original.info.namespaced && namespace && namespace !== inv.namespace) {
        return this.preserved(
          `the namespace from the provided object ${JSON.stringify(namespace)} does not match the namespace ${JSON.stringify(inv.namespace)}. You must pass '--namespace=${namespace}' to perform this operation.`,
        );
      }
      const from = withTypeMeta(original.info, original.obj) as unknown as Record<string, unknown>;
      const to = obj as unknown as Record<string, unknown>;
      const ref = objectRef(original.info, original.obj.metadata.name ?? '');
      if (deepEqual(from, to)) {
        inv.out(`${ref} skipped\n`);
        continue;
      }
      if (from.apiVersion !== to.apiVersion || from.kind !== to.kind || original.obj.metadata.name !== obj.metadata?.name) return this.preserved(EditMessages.identityChanged);
      const schema = KIND_SCHEMAS[original.info.kind];
      const patch = (schema ? createTwoWayMergePatch(from, to, schema) : createMergePatch(from, to)) ?? {};
      if (inv.args.bool('output-patch')) inv.out(`Patch: ${marshalGoJson(patch)}\n`);
      try {
        this.core.api.patch(original.info.kind, original.obj.metadata.namespace, original.obj.metadata.name ?? '', patch, schema ? 'strategic' : 'merge');
        inv.out(`${ref} edited\n`);
      } catch (e) {
        if (!isStatusError(e)) throw e;
        const resource = original.info.group ? `${original.info.resource}.${original.info.group}` : original.info.resource;
        const name = JSON.stringify(original.obj.metadata.name ?? '');
        if (e.reason === 'Invalid') {
          reasons.push({ head: `${resource} ${name} was not valid`, other: (e.details.causes ?? []).map((c) => `${c.field}: ${c.message}`) });
          inv.err(`error: ${resource} ${name} is invalid\n`);
        } else if (e.reason === 'NotFound') {
          notFound++;
          inv.err(`error: ${resource} ${name} could not be found on the server\n`);
        } else {
          retryable++;
          inv.err(`error: ${resource} ${name} could not be patched: ${e.message}\n`);
        }
      }
    }
    this.core.loop.settle();
    if (retryable > 0) {
      inv.err(`You can run \`kubectl replace -f ${this.file}\` to try this update again.\n`);
      return 1;
    }
    if (notFound > 0) {
      inv.err(`The edits you made on deleted resources have been saved to ${JSON.stringify(this.file)}\n`);
      return 1;
    }
    return undefined;
  }
}
