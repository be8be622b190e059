/**
 * `-f` inputs: `-` (stdin) or files through the context, split into YAML/JSON documents, each
 * with its source name (`STDIN` or the path) as kubectl reports it.
 * @see cli-runtime pkg/resource/visitor.go (FileVisitor, StreamVisitor)
 */
import { type KubeObject, parseYamlDocuments } from '@kubesim/core';
import type { KubectlContext } from './context.js';
import { clientError } from './errors.js';

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
    for (const doc of parseYamlDocuments(text)) {
      if (doc.error) throw clientError(`error parsing ${source}: error converting YAML to JSON: yaml: ${doc.error}`);
      const obj = doc.value as Partial<KubeObject>;
      if (typeof obj !== 'object' || obj === null) continue;
      if (!obj.kind) throw invalidManifest(source, "kind not set");
      if (!obj.apiVersion) throw invalidManifest(source, "apiVersion not set");
      if (obj.kind === 'List' && Array.isArray((obj as { items?: unknown }).items)) {
        for (const item of (obj as { items: KubeObject[] }).items) out.push({ object: item, source });
      } else out.push({ object: { metadata: {}, ...obj } as KubeObject, source });
    }
  }
  if (out.length === 0) throw clientError(`no objects passed to ${verb}`);
  return out;
}

function invalidManifest(source: string, why: string): Error {
  return clientError(
    `error validating ${JSON.stringify(source)}: error validating data: ${why}; if you choose to ignore these errors, turn validation off with --validate=false`,
  );
}
