/**
 * `-f` inputs: `-` (stdin) or files through the context, split into YAML/JSON documents, each
 * with its source name (`STDIN` or the path) as kubectl reports it.
 * @see cli-runtime pkg/resource/visitor.go (FileVisitor, StreamVisitor)
 */
import { type KubeObject, ManifestError, parseManifests } from '@kubesim/core';
import type { KubectlContext } from './context.js';
import { clientError, KubectlError } from './errors.js';

/** One object read from a manifest, with where it came from. */
export interface ManifestItem {
  readonly object: KubeObject;
  readonly source: string;
}

/** Reads every `-f` argument into objects (`List` kinds are flattened). */
export function readManifests(
  ctx: KubectlContext,
  files: readonly string[],
  stdin: string | undefined,
  verb = "apply",
): ManifestItem[] {
  const out: ManifestItem[] = [];
  for (const f of files) {
    const source = f === '-' ? 'STDIN' : f;
    const text = f === '-' ? (stdin ?? '') : ctx.readFile?.(f);
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
