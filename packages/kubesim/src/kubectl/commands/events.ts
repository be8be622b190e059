/**
 * `kubectl events`: events sorted by last seen, `Kind/name` objects, `--for`, `--types`, `-A`.
 * @see kubectl pkg/cmd/events/events.go, event_printer.go
 */
import type { Command } from '../command.js';
import { humanDuration } from '../duration.js';
import { clientError } from '../errors.js';
import { listObjects, resolveType } from '../resources.js';
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
    if (types.length) events = events.filter((e) => types.includes(e.type ?? ''));
    if (events.length === 0) {
      inv.err(allNs ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    const { nowMs, parse } = inv.rowContext;
    const ms = (ts: string | undefined) => (ts ? parse(ts) : 0);
    const since = (ts: string | undefined) => (ts ? humanDuration(nowMs - parse(ts)) : '<unknown>');
    const sorted = [...events].sort((x, y) => ms(x.lastTimestamp) - ms(y.lastTimestamp));
    const lines = a.bool('no-headers') ? [] : [`${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`];
    for (const e of sorted) {
      const first = e.eventTime ? since(e.eventTime) : since(e.firstTimestamp);
      const interval = (e.count ?? 1) > 1 ? `${since(e.lastTimestamp)} (x${e.count} over ${first})` : first;
      const io = e.involvedObject ?? {};
      lines.push(`${allNs ? `${e.metadata.namespace}\t` : ''}${interval}\t${e.type ?? ''}\t${e.reason ?? ''}\t${io.kind ?? ''}/${io.name ?? ''}\t${(e.message ?? '').trim()}`);
    }
    inv.out(tabwrite(`${lines.join('\n')}\n`, 3, 6));
    return 0;
  },
};
