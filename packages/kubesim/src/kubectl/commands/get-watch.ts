/**
 * `kubectl get --watch` / `--watch-only`: prints the objects, then one row (or document) per watch
 * event until the watch ends. A simulated watch ends after `--request-timeout` of virtual time
 * (the real one ends there too: kubectl exits 0 when the server closes the watch), which kubesim
 * therefore requires.
 * @see kubectl pkg/cmd/get/get.go (GetOptions.watch), cli-runtime pkg/resource/result.go (Watch),
 *   apiserver pkg/storage/cacher/cache_watcher.go (convertToWatchEvent: an object that leaves the
 *   selector is sent as DELETED with its previous content)
 */
import { type KindInfo, type KubeObject, parseDuration, toYaml, type WatchEvent } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { clientError } from '../errors.js';
import { sortedKeys } from '../printers/go-json.js';
import { type PrintOptions, printGroups, printTable, withTypeMeta } from '../printers/output.js';
import { getObject, listFilter, type ResourceRequest } from '../resources.js';

/** `-w` without `--request-timeout`: a watch on a simulated cluster has no Ctrl-C to end it. */
export const WATCH_NEEDS_TIMEOUT =
  'kubesim: a watch runs until --request-timeout of virtual time has passed (there is no Ctrl-C to stop it); give one, e.g. --request-timeout=2m';

/** clientcmd's text for a `--request-timeout` it cannot parse. */
const INVALID_TIMEOUT =
  'invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)';

/** Where the watched objects come from: a type with names (none = the collection), or a file. */
export interface WatchTarget {
  readonly requests: readonly ResourceRequest[];
  /** True when the objects were named by `-f` (the builder's non-watchable file source). */
  readonly fromFiles: boolean;
}

/** Runs `kubectl get -w`. Returns the exit code. */
export function runWatch(inv: Invocation, target: WatchTarget, opts: PrintOptions): number {
  const a = inv.args;
  const { requests } = target;
  if (target.fromFiles && new Set(requests.map((r) => r.info)).size > 1) {
    throw clientError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  }
  if (!target.fromFiles && requests.length > 1) throw clientError('you may only specify a single resource type');
  const durationMs = requestTimeoutMs(a.string('request-timeout'));
  const info = requests[0].info;
  const names = requests.flatMap((r) => r.names);
  const filter = listFilter(info, {
    namespace: inv.namespace,
    allNamespaces: opts.allNamespaces,
    labelSelector: a.has('selector') ? a.string('selector') : undefined,
    fieldSelector: a.string('field-selector') || undefined,
  });
  const initial: KubeObject[] =
    names.length > 0 ? names.map((n) => getObject(inv.ctx, info, inv.namespace, n)) : inv.ctx.core.store.list(info.kind).filter(filter);
  const printer = new WatchPrinter(inv, info, opts, a.bool('output-watch-events'));
  if (!a.bool('watch-only')) for (const o of initial) printer.print(o, 'ADDED');
  if (names.length > 1) {
    throw clientError(
      target.fromFiles
        ? `watch is only supported on individual resources and resource collections - ${names.length} resources were found`
        : 'you may only watch a single resource or type of resource at a time',
    );
  }
  const matches = names.length === 1 ? (o: KubeObject) => filter(o) && o.metadata.name === names[0] : filter;
  watchFor(inv, info.kind, durationMs, (e) => {
    const shown = watchedObject(e, matches);
    if (shown) printer.print(shown.object, shown.type);
  });
  return 0;
}

/** Subscribes `handler` to `kind`'s watch events while `durationMs` of virtual time run, then stops. */
export function watchFor<T extends KubeObject>(inv: Invocation, kind: string, durationMs: number, handler: (e: WatchEvent<T>) => void): void {
  const stop = inv.ctx.core.store.watch<T>(kind, handler);
  try {
    inv.ctx.core.loop.advance(durationMs);
  } finally {
    stop();
  }
}

/**
 * The object a filtered watch sends for a store event, if any: the new one while it matches; the
 * previous one (with the event's resourceVersion) when the change took it out of the filter.
 */
function watchedObject(e: WatchEvent, matches: (o: KubeObject) => boolean): { type: string; object: KubeObject } | undefined {
  if (matches(e.object)) return { type: e.old && !matches(e.old) ? 'ADDED' : e.type, object: e.object };
  if (e.old && matches(e.old)) return { type: 'DELETED', object: { ...e.old, metadata: { ...e.old.metadata, resourceVersion: e.object.metadata.resourceVersion } } };
  return undefined;
}

/** `--request-timeout` in ms: an integer is seconds, else a Go duration; 0 or none is refused (a watch must end). */
export function requestTimeoutMs(text: string): number {
  if (!text) throw clientError(WATCH_NEEDS_TIMEOUT);
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    try {
      ms = parseDuration(text);
    } catch {
      throw clientError(INVALID_TIMEOUT);
    }
  }
  if (ms === 0) throw clientError(WATCH_NEEDS_TIMEOUT);
  return ms;
}

/**
 * Prints watched objects one at a time as kubectl's watch printer does: a table row per object
 * (the header once, before the first row; column widths remembered and only growing), or one
 * document per object for `-o json|yaml|name|jsonpath` (YAML documents separated by `---`). With
 * `--output-watch-events` a table gets an EVENT column first and a document is the watch event
 * (`type` and `object`).
 */
class WatchPrinter {
  private readonly widths: number[] = [];
  private printed = 0;

  constructor(
    private readonly inv: Invocation,
    private readonly info: KindInfo,
    private readonly opts: PrintOptions,
    private readonly withEvents: boolean,
  ) {}

  print(o: KubeObject, type: string): void {
    const format = this.opts.output.split('=')[0];
    const group = { info: this.info, objects: [o] };
    // The header goes out once, with the first object.
    const opts = { ...this.opts, ...(this.printed > 0 ? { noHeaders: true } : {}), ...(this.withEvents ? { eventType: type } : {}) };
    let text: string;
    if (format === '' || format === 'wide') text = printTable(group, opts, this.inv.rowContext, this.widths);
    else if (this.withEvents && (format === 'json' || format === 'yaml')) text = watchEventDocument(format, type, withTypeMeta(this.info, o));
    else {
      text = printGroups([group], opts, this.inv.rowContext);
      if (format === 'yaml' && this.printed > 0) text = `---\n${text}`;
    }
    this.printed++;
    this.inv.out(text);
  }
}

/**
 * A `metav1.WatchEvent` as kubectl prints it: JSON in the struct's order (`type`, then `object`
 * with sorted keys), YAML with sorted keys.
 */
function watchEventDocument(format: 'json' | 'yaml', type: string, object: KubeObject): string {
  if (format === 'yaml') return toYaml({ object, type });
  return `${JSON.stringify({ type, object: sortedKeys(object) }, null, 4)}\n`;
}
