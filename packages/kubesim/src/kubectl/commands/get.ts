/**
 * `kubectl get`: tables per kind, `-o` formats, `-A`, `-l`, `--field-selector`, `--sort-by`,
 * `--show-labels`, `No resources found` on stderr; `-w` in get-watch.ts.
 * @see kubectl pkg/cmd/get/get.go
 */
import type { KubeObject } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { clientError, renderErrors } from '../errors.js';
import { runWatch } from './get-watch.js';
import { hasFileInput, KUSTOMIZE_FLAG, readFileInput } from './kustomize.js';
import { checkOutputFormat, type PrintGroup, printGroups } from '../printers/output.js';
import { evalPath } from '../printers/jsonpath.js';
import { getObject, listObjects, noResourcesMessage, parseResourceArgs, resolveType } from '../resources.js';

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

/** `kubectl get`. */
export const getCommand: Command = {
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'field-selector', type: 'string' },
    { name: 'show-labels', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'strings' },
    { name: 'show-kind', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    KUSTOMIZE_FLAG,
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
  ],
  run(inv) {
    const a = inv.args;
    const output = a.string('output');
    checkOutputFormat(output);
    const errs: unknown[] = [];
    const requests = hasFileInput(inv) ? fromFiles(inv) : parseResourceArgs(inv.ctx, a.args, inv.path);
    if (requests.length === 0) {
      inv.err(`${NO_TYPE}\n`);
      return 1;
    }
    const allNs = a.bool('all-namespaces');
    if (a.bool('watch') || a.bool('watch-only')) {
      const opts = {
        output,
        showLabels: a.bool('show-labels'),
        labelColumns: a.strings('label-columns'),
        allNamespaces: allNs,
        withKind: false,
        noHeaders: a.bool('no-headers'),
        single: true,
      };
      return runWatch(inv, { requests, fromFiles: hasFileInput(inv) }, opts);
    }
    const named = requests.some((r) => r.names.length > 0);
    const groups: PrintGroup[] = [];
    for (const r of requests) {
      let objects: KubeObject[] = [];
      if (r.names.length > 0) {
        for (const name of r.names) {
          try {
            // An object read from a file is looked up in its own namespace, if it names one.
            objects.push(getObject(inv.ctx, r.info, r.namespace || inv.namespace, name));
          } catch (e) {
            if (!a.bool('ignore-not-found')) errs.push(e);
          }
        }
      } else {
        objects = listObjects(inv.ctx, r.info, {
          namespace: inv.namespace,
          allNamespaces: allNs,
          labelSelector: a.has('selector') ? a.string('selector') : undefined,
          fieldSelector: a.string('field-selector') || undefined,
        });
      }
      groups.push({ info: r.info, objects });
    }
    const sortBy = a.string('sort-by');
    const sorted = sortBy ? groups.map((g) => ({ ...g, objects: sortObjects(g.objects, sortBy) })) : groups;
    const total = sorted.reduce((n, g) => n + g.objects.length, 0);
    const human = output === '' || output === 'wide';
    const single = named && total === 1 && requests.length === 1 && requests[0].names.length === 1;
    if (total > 0 || !human) {
      inv.out(
        printGroups(
          sorted,
          {
            output,
            showLabels: a.bool('show-labels'),
            labelColumns: a.strings('label-columns'),
            allNamespaces: allNs,
            withKind: a.bool('show-kind') || requests.length > 1 || a.args[0] === 'all',
            noHeaders: a.bool('no-headers'),
            single,
          },
          inv.rowContext,
        ),
      );
    }
    if (total === 0 && !named && human && errs.length === 0) {
      const namespaced = requests.some((r) => r.info.namespaced);
      inv.err(`${noResourcesMessage(namespaced, allNs, inv.namespace)}\n`);
    }
    if (errs.length) {
      inv.err(`${renderErrors(errs)}\n`);
      return 1;
    }
    return 0;
  },
};

function fromFiles(inv: Invocation) {
  const items = readFileInput(inv, 'get');
  return items.map((it) => ({ info: resolveType(inv.ctx, it.object.kind), names: [it.object.metadata.name ?? ''], namespace: it.object.metadata.namespace }));
}

/** `--sort-by=.metadata.name` / `{.status.phase}`: numbers numerically, the rest as strings. */
export function sortObjects(objects: readonly KubeObject[], expr: string): KubeObject[] {
  const path = expr.replace(/^\{(.*)\}$/, '$1');
  const key = (o: KubeObject) => evalPath(path.startsWith('.') ? path : `.${path}`, o)[0];
  const keyed = objects.map((o) => ({ o, k: key(o) }));
  if (keyed.some((x) => x.k !== undefined && typeof x.k === 'object')) {
    throw clientError(`couldn't find any field with path "${path}" in the list of objects`);
  }
  return keyed
    .sort((x, y) => {
      if (x.k === undefined) return y.k === undefined ? 0 : -1;
      if (y.k === undefined) return 1;
      if (typeof x.k === 'number' && typeof y.k === 'number') return x.k - y.k;
      const [sx, sy] = [String(x.k), String(y.k)];
      const [qx, qy] = [quantityValue(sx), quantityValue(sy)];
      if (qx !== undefined && qy !== undefined) return qx - qy;
      return sx < sy ? -1 : sx > sy ? 1 : 0;
    })
    .map((x) => x.o);
}

const SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3 };

function quantityValue(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)$/.exec(s);
  return m ? Number(m[1]) * SUFFIX[m[2]] : undefined;
}
