/**
 * The printers of the commands that write (`create`, `apply`, `run`): `-o name|json|yaml|jsonpath|go-template`,
 * or one `kind/name <operation>` line per object.
 * @see cli-runtime pkg/genericclioptions/print_flags.go (PrintFlags.ToPrinter, AllowedFormats),
 *   pkg/printers (NamePrinter, JSONPrinter, YAMLPrinter)
 */
import { type KindInfo, type KubeObject, toYaml } from '@kubesim/core';
import { clientError } from '../errors.js';
import { objectRef } from '../resources.js';
import { goTemplate } from './go-template.js';
import { jsonPath } from './jsonpath.js';
import { stripQuotes, toJson, withTypeMeta } from './output.js';

/** One object a command wrote, or would write. */
export interface Written {
  readonly info: KindInfo;
  readonly object: KubeObject;
  /**
   * Built by kubectl itself (a generator's object, printed as sent on a client dry run): its JSON
   * keeps the Go struct's field order, `kind` first, as kubectl prints a typed object.
   */
  readonly typed?: boolean;
}

/** `PrintFlags.AllowedFormats`, sorted as `NoCompatiblePrinterError` prints them. */
const ALLOWED = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'].sort();

/** Formats that read their template from a file, which kubesim does not read. */
const TEMPLATE_FILES = new Set(['go-template-file', 'templatefile', 'jsonpath-file']);

/** Checks `-o` before anything is written (`PrintFlags.ToPrinter`). */
export function checkWrittenOutput(output: string): void {
  const format = output.split('=')[0];
  if (output !== '' && !ALLOWED.includes(format)) {
    throw clientError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${ALLOWED.join(',')}`);
  }
  if (TEMPLATE_FILES.has(format)) throw clientError(`kubesim does not read template files (-o ${format}); give the template inline (-o go-template=… or -o jsonpath=…)`);
}

/**
 * What the command prints for `items`, `operation` being e.g. `created (dry run)`; `printed`
 * objects went through the same printer before (the YAML printer separates documents).
 */
export function printWritten(items: readonly Written[], output: string, operation: string, printed = 0): string {
  const [format, ...rest] = output.split('=');
  let out = '';
  items.forEach((item, i) => {
    const obj = item.typed ? item.object : withTypeMeta(item.info, item.object);
    switch (format) {
      case '':
        out += `${objectRef(item.info, item.object.metadata.name ?? '')} ${operation}\n`;
        break;
      case 'name':
        out += `${objectRef(item.info, item.object.metadata.name ?? '')}\n`;
        break;
      case 'json':
        out += item.typed ? `${JSON.stringify(obj, null, 4)}\n` : toJson(obj);
        break;
      case 'yaml':
        // The YAML printer separates every object after the first.
        out += `${printed + i > 0 ? '---\n' : ''}${toYaml(obj)}`;
        break;
      case 'go-template':
      case 'template':
        out += goTemplate(stripQuotes(rest.join('=')), obj);
        break;
      default:
        out += jsonPath(stripQuotes(rest.join('=')), obj);
    }
  });
  return out;
}
