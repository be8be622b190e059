/**
 * The YAML codec manifests go through: multi-document parsing (`kubectl apply -f`) and the
 * `-o yaml` rendering of sigs.k8s.io/yaml (keys sorted, sequences not indented under their key).
 * @see sigs.k8s.io/yaml (JSONToYAML / YAMLToJSON)
 */
import { parseAllDocuments, stringify } from 'yaml';

/** One parsed document, or the parser's error text for it. */
export interface YamlDocument {
  readonly value: unknown;
  readonly error?: string;
}

/** Parses every document of a multi-document YAML (or JSON) text; empty documents are skipped. */
export function parseYamlDocuments(text: string): YamlDocument[] {
  const out: YamlDocument[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      out.push({ value: undefined, error: doc.errors[0].message });
      continue;
    }
    const value = doc.toJS() as unknown;
    if (value !== null && value !== undefined) out.push({ value });
  }
  return out;
}

/** Renders a value as kubectl `-o yaml` does: sorted keys, sequences flush with their key. */
export function toYaml(value: unknown): string {
  return stringify(value, { indentSeq: false, sortMapEntries: true, lineWidth: 0, minContentWidth: 0 });
}
