/**
 * `-f` inputs: `-` (stdin) or files through the context, split into YAML/JSON documents, each
 * with its source name (`STDIN` or the path) as kubectl reports it.
 * @see cli-runtime pkg/resource/visitor.go (FileVisitor, StreamVisitor)
 */
import { type KindInfo, type KubeObject, ManifestError, parseManifests } from '@kubesim/core';
import type { Invocation } from './command.js';
import type { KubectlContext } from './context.js';
import type { FlagSpec } from './flags.js';
import { clientError, KubectlError } from './errors.js';
import { expandPathToFiles, FILE_EXTENSIONS, globPaths, type LocalFiles } from './local-files.js';

/** `FilenameOptions`' flags: `-f` (repeatable) and `-R` (walk subdirectories). */
export const FILENAME_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
];

/** One object read from a manifest, with where it came from. */
export interface ManifestItem {
  readonly object: KubeObject;
  readonly source: string;
}

/**
 * The sources of `-f` arguments as the resource builder's `FilenameParam` visits them: `-` (read
 * as `STDIN`), a file, the manifests of a directory (of its subdirectories too when
 * `recursive`), or the paths a pattern (`manifests/*.yaml`) matches. Throws the builder's errors
 * for a path that does not exist and for directories without manifests.
 */
export function manifestSources(ctx: KubectlContext, args: readonly string[], recursive = false): string[] {
  const files = ctx.files;
  const out: string[] = [];
  const paths: string[] = [];
  for (const s of args) {
    if (s === '-') {
      out.push(s);
      continue;
    }
    // expandIfFilePattern: a path that does not exist may be a pattern.
    const matches = files === undefined ? [] : files.stat(s) !== undefined ? [s] : globPaths(files, s);
    if (matches.length === 0) throw clientError(`the path ${JSON.stringify(s)} does not exist`);
    for (const p of matches) {
      paths.push(p);
      out.push(...expandPathToFiles(files as LocalFiles, p, recursive));
    }
  }
  if (out.length === 0 && paths.length > 0) {
    throw clientError(`error reading [${paths.join(' ')}]: recognized file extensions are [${FILE_EXTENSIONS.join(' ')}]`);
  }
  return out;
}

/** Reads every `-f` argument into objects (`List` kinds are flattened); see `manifestSources`. */
export function readManifests(
  ctx: KubectlContext,
  args: readonly string[],
  stdin: string | undefined,
  verb = 'apply',
  recursive = false,
): ManifestItem[] {
  const out: ManifestItem[] = [];
  for (const f of manifestSources(ctx, args, recursive)) {
    const source = f === '-' ? 'STDIN' : f;
    const text = f === '-' ? (stdin ?? '') : ctx.files?.readFile(f);
    if (text === undefined) throw clientError(`the path ${JSON.stringify(f)} does not exist`);
    let objects: KubeObject[];
    try {
      // The core parser caps size and aliases and refuses prototype keys (bad input never escapes).
      objects = parseManifests(text, source);
    } catch (e) {
      if (e instanceof ManifestError) throw new KubectlError(e.message);
      throw e;
    }
    for (const object of objects) out.push({ object, source });
  }
  if (out.length === 0) throw clientError(`no objects passed to ${verb}`);
  return out;
}

/** A manifest's kind and the object to send, with the namespace in effect. */
export interface ManifestTarget {
  readonly info: KindInfo;
  readonly input: KubeObject;
}

/**
 * The kind of a manifest item and the object to send (namespaced kinds get `-n` or `default`).
 * Throws kubectl's errors for a kind the server does not serve and for a namespace that
 * contradicts `-n`.
 */
export function manifestTarget(inv: Invocation, item: ManifestItem): ManifestTarget {
  const obj = item.object;
  const info = inv.ctx.core.kinds.forManifest(obj.apiVersion, obj.kind);
  if (!info) {
    throw clientError(
      `resource mapping not found for name: ${JSON.stringify(obj.metadata?.name ?? '')} namespace: ${JSON.stringify(obj.metadata?.namespace ?? '')} from ${JSON.stringify(item.source)}: no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(obj.apiVersion)}\nensure CRDs are installed first`,
    );
  }
  const ns = obj.metadata?.namespace;
  const nsFlag = inv.args.string('namespace');
  if (info.namespaced && ns && nsFlag && ns !== nsFlag) {
    throw clientError(
      `the namespace from the provided object ${JSON.stringify(ns)} does not match the namespace ${JSON.stringify(nsFlag)}. You must pass '--namespace=${ns}' to perform this operation.`,
    );
  }
  const input: KubeObject = info.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace: ns || inv.namespace } } : obj;
  return { info, input };
}
