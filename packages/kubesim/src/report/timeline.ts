/**
 * The timeline of a run: one `<li>` per step with its command, output and events. Each entry
 * names the drawing of its cluster snapshot (`data-drawing`), so selecting a step shows it.
 */

import { escapeHtml } from './escape.js';
import type { EventSnapshot, ReportStep } from './model.js';

function renderEvents(events: readonly EventSnapshot[]): string {
  if (events.length === 0) return '<p class="no-events">No events.</p>';
  const items = events.map((e) => {
    const count = e.count > 1 ? ` <span class="event-count">(x${e.count})</span>` : '';
    return [
      `<li class="event event-${e.type === 'Warning' ? 'warning' : 'normal'}">`,
      `<div class="event-head"><span class="event-type">${escapeHtml(e.type)}</span><span class="event-reason">${escapeHtml(e.reason)}</span><span class="event-object">${escapeHtml(e.object)}</span></div>`,
      `<div class="event-message">${escapeHtml(e.message)}${count}</div>`,
      '</li>',
    ].join('');
  });
  return `<ul class="events" aria-label="Events">${items.join('')}</ul>`;
}

/**
 * Renders one timeline entry.
 *
 * @remarks The entry's id is `step-<index>`, the URL hash that selects it. `selected` marks the
 * step shown when the page opens (the client script may move the selection).
 */
export function renderStep(step: ReportStep, drawingId: number, selected: boolean): string {
  const warnings = step.events.filter((e) => e.type === 'Warning').length;
  const classes = ['step', ...(step.exitCode !== 0 ? ['step-failed'] : []), ...(warnings > 0 ? ['step-warning'] : []), ...(selected ? ['selected'] : [])];
  const badges = [
    step.exitCode !== 0 ? `<span class="badge badge-exit">exit ${step.exitCode}</span>` : '',
    warnings > 0 ? `<span class="badge badge-warning">${warnings} warning${warnings > 1 ? 's' : ''}</span>` : '',
  ].join('');
  const section = step.section ? `<span class="step-section">${escapeHtml(step.section)}</span>` : '';
  const output = step.output === '' ? '<p class="no-output">(no output)</p>' : `<pre class="output">${escapeHtml(step.output)}</pre>`;
  return [
    `<li class="${classes.join(' ')}" id="step-${step.index}" data-step="${step.index}" data-drawing="${drawingId}">`,
    `<button type="button" class="step-head" aria-pressed="${selected}">`,
    `<span class="step-index">#${step.index}</span> <span class="step-time">${escapeHtml(step.time)}</span>${section}${badges}`,
    `<code class="step-command">${escapeHtml(step.command)}</code>`,
    '</button>',
    `<div class="step-body">${output}${renderEvents(step.events)}</div>`,
    '</li>',
  ].join('');
}
