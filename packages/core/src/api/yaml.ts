/**
 * The YAML codec manifests go through: multi-document parsing (`kubectl apply -f`) and the
 * `-o yaml` rendering of sigs.k8s.io/yaml (keys sorted, sequences not indented under their key).
 * @see sigs.k8s.io/yaml (JSONToYAML / YAMLToJSON)
 */
import { Document, isScalar, Scalar, visit } from 'yaml';
import { parseYamlValues } from './manifest.js';

/** One parsed document, or the parser's error text for it. */
export interface YamlDocument {
  readonly value: unknown;
  readonly error?: string;
}

/**
 * Parses every document of a multi-document YAML (or JSON) text; empty documents are skipped.
 * @remarks Goes through the manifest parser's safety caps (aliases, size, prototype keys).
 */
export function parseYamlDocuments(text: string): YamlDocument[] {
  return parseYamlValues(text);
}

/** Plain scalars go-yaml v2 would read back as something other than a string. */
const AMBIGUOUS =
  /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:0|[1-9][0-9_]*|0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/;

/**
 * Renders a value as kubectl `-o yaml` does (go-yaml v2 through sigs.k8s.io/yaml): sorted keys,
 * sequences flush with their key, strings that would read back as another type double-quoted,
 * strings with indicator characters single-quoted, multi-line strings as literal blocks.
 */
export function toYaml(value: unknown): string {
  // No anchors: an object met twice (shared by structural sharing) prints twice, as Go's encoder does.
  const doc = new Document(value, { sortMapEntries: true, aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const s = node.value;
      if (s.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (s === '' || AMBIGUOUS.test(s)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, minContentWidth: 0, singleQuote: true });
}
