/**
 * `kubectl events`: events sorted by last seen, `Kind/name` objects, `--for`, `--types`, `-A`,
 * `--watch`.
 * @see kubectl pkg/cmd/events/events.go, event_printer.go
 */
import type { Command, Invocation } from '../command.js';
import { humanDuration } from '../duration.js';
import { clientError } from '../errors.js';
import { listObjects, resolveType } from '../resources.js';
import { requestTimeoutMs, watchFor } from './get-watch.js';
import { tabwrite } from '../tabwriter.js';
import type { EventObj } from '../types.js';

/** `kubectl events`. */
export const eventsCommand: Command = {
  flags: [
    { name: 'for', type: 'string' },
    { name: 'types', type: 'strings' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
  ],
  run(inv) {
    const a = inv.args;
    const allNs = a.bool('all-namespaces');
    let events = listObjects(inv.ctx, resolveType(inv.ctx, 'events'), { namespace: inv.namespace, allNamespaces: allNs }) as EventObj[];
    const forRef = a.string('for');
    if (forRef) {
      const [type, name] = forRef.includes('/') ? forRef.split('/') : ['', ''];
      if (!name) throw clientError(`--for must be in resource/name form`);
      const kind = resolveType(inv.ctx, type).kind;
      events = events.filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name);
    }
    const types = a.strings('types');
    for (const t of types) {
      if (t !== 'Normal' && t !== 'Warning') throw clientError(`valid --types are Normal or Warning`);
    }
    const shown = (e: EventObj) => (types.length === 0 || types.includes(e.type ?? '')) && (!forRef || matchesFor(inv, forRef, e));
    if (types.length) events = events.filter((e) => types.includes(e.type ?? ''));
    if (a.bool('watch')) return watchEvents(inv, events, shown, allNs);
    if (events.length === 0) {
      inv.err(allNs ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    const { parse } = inv.rowContext;
    const ms = (ts: string | undefined) => (ts ? parse(ts) : 0);
    const sorted = [...events].sort((x, y) => ms(x.lastTimestamp) - ms(y.lastTimestamp));
    const lines = a.bool('no-headers') ? [] : [header(allNs)];
    for (const e of sorted) lines.push(row(inv, e, allNs));
    inv.out(tabwrite(`${lines.join('\n')}\n`, 3, 6));
    return 0;
  },
};

function header(allNs: boolean): string {
  return `${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`;
}

/** One event's row (`printOneEvent`): the interval (`(xN over …)` when repeated), `Kind/name`. */
function row(inv: Invocation, e: EventObj, allNs: boolean): string {
  const { nowMs, parse } = inv.rowContext;
  const since = (ts: string | undefined) => (ts ? humanDuration(nowMs - parse(ts)) : '<unknown>');
  const first = e.eventTime ? since(e.eventTime) : since(e.firstTimestamp);
  const interval = (e.count ?? 1) > 1 ? `${since(e.lastTimestamp)} (x${e.count} over ${first})` : first;
  const io = e.involvedObject ?? {};
  return `${allNs ? `${e.metadata.namespace}\t` : ''}${interval}\t${e.type ?? ''}\t${e.reason ?? ''}\t${io.kind ?? ''}/${io.name ?? ''}\t${(e.message ?? '').trim()}`;
}

/** Whether a new event is about the `--for` object (`TYPE/NAME`). */
function matchesFor(inv: Invocation, forRef: string, e: EventObj): boolean {
  const [type, name] = forRef.split('/');
  return e.involvedObject?.kind === resolveType(inv.ctx, type).kind && e.involvedObject?.name === name;
}

/**
 * `kubectl events --watch` (`runWatch`): a watch without a resource version first sends the
 * events that exist (in the store's order), then every new or updated one (deletions are skipped);
 * one row per event, the header once, column widths remembered. Runs `--request-timeout` of
 * virtual time, as `get -w`.
 */
function watchEvents(inv: Invocation, existing: readonly EventObj[], shown: (e: EventObj) => boolean, allNs: boolean): number {
  const durationMs = requestTimeoutMs(inv.args.string('request-timeout'));
  const widths: number[] = [];
  let printed = false;
  const print = (e: EventObj) => {
    const lines = printed || inv.args.bool('no-headers') ? [] : [header(allNs)];
    lines.push(row(inv, e, allNs));
    printed = true;
    inv.out(tabwrite(`${lines.join('\n')}\n`, 3, 6, widths));
  };
  for (const e of existing) print(e);
  watchFor<EventObj>(inv, 'Event', durationMs, (w) => {
    if (w.type === 'DELETED') return;
    if (!allNs && w.object.metadata.namespace !== inv.namespace) return;
    if (shown(w.object)) print(w.object);
  });
  return 0;
}
