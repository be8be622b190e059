/**
 * Renders a {@link ReportModel} as one self-contained HTML file: inline CSS, inline SVG, one
 * inline script, no network. Every step is rendered server-side; identical cluster drawings are
 * emitted once and shared by the steps that show them, which keeps long runs small.
 */

import { renderClusterSvg, svgDefs } from './drawing.js';
import { escapeHtml } from './escape.js';
import type { ReportModel, ReportStep } from './model.js';
import { renderProblems } from './problems.js';
import { REPORT_SCRIPT } from './script.js';
import { REPORT_CSS } from './styles.js';
import { renderStep } from './timeline.js';

/**
 * Forbids every fetch: the page may only use its own inline style and script.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const LEGEND = [
  '<div class="legend" aria-label="Legend">',
  '<span><i class="swatch sw-running"></i>Running</span>',
  '<span><i class="swatch sw-waiting"></i>ContainerCreating / Pending</span>',
  '<span><i class="swatch sw-terminating"></i>Terminating</span>',
  '<span><i class="swatch sw-failed"></i>CrashLoopBackOff / Error</span>',
  '<span><i class="swatch sw-stuck"></i>stuck</span>',
  '<span><i class="swatch sw-volume"></i>EBS volume</span>',
  '<span><i class="sw-line"></i>attached</span>',
  '<span><i class="sw-line sw-conflict"></i>Multi-Attach conflict</span>',
  '</div>',
].join('');

interface Drawings {
  /** Drawing id of each step, in step order. */
  readonly ids: readonly number[];
  /** Distinct drawings in order of first use. */
  readonly html: readonly string[];
}

/** Renders each step's drawing and problem list once per distinct content. */
function collectDrawings(steps: readonly ReportStep[]): Drawings {
  const byContent = new Map<string, number>();
  const ids = steps.map((step) => {
    const content = renderClusterSvg(step.cluster) + renderProblems(step.cluster);
    let id = byContent.get(content);
    if (id === undefined) {
      id = byContent.size;
      byContent.set(content, id);
    }
    return id;
  });
  return { ids, html: [...byContent.keys()] };
}

function renderHeader(model: ReportModel): string {
  const last = model.steps[model.steps.length - 1];
  return [
    '<header class="report-header">',
    `<h1>${escapeHtml(model.title)}</h1>`,
    '<div class="meta">',
    `<span>seed <b class="report-seed">${model.seed}</b></span>`,
    `<span>fingerprint <b class="report-fingerprint mono">${escapeHtml(model.fingerprint)}</b></span>`,
    `<span><b>${model.steps.length}</b> step${model.steps.length === 1 ? '' : 's'}</span>`,
    last ? `<span>ends at <b>${escapeHtml(last.time)}</b></span>` : '',
    '</div>',
    LEGEND,
    '</header>',
  ].join('');
}

function renderView(model: ReportModel, drawings: Drawings, selected: number): string {
  const step = model.steps[selected];
  if (!step) return '<section class="view"><p class="no-steps">No steps recorded.</p></section>';
  const shown = drawings.ids[selected];
  const blocks = drawings.html.map(
    (html, id) => `<div class="drawing" id="drawing-${id}" data-drawing="${id}"${id === shown ? '' : ' hidden'}>${html}</div>`,
  );
  return [
    '<section class="view" aria-label="Cluster at the selected step">',
    `<h2 id="view-title">Cluster after step <span class="view-step">#${step.index}</span> <code class="view-command">${escapeHtml(step.command)}</code></h2>`,
    blocks.join(''),
    '<p class="hint">Click a step, or use ↑/↓ (Home/End) to move through the run. Hover a box or line for details.</p>',
    '</section>',
  ].join('');
}

/**
 * Renders a whole report as a self-contained HTML document.
 *
 * @remarks Deterministic: the same model gives the same bytes (no clock, no randomness, the
 * model's order everywhere). Every string from the model is HTML-escaped. The page opens on the
 * last step; `#step-N` in the URL, a click on a step or the arrow keys select another one. A
 * Content-Security-Policy forbids any network access.
 */
export function renderReport(model: ReportModel): string {
  const drawings = collectDrawings(model.steps);
  const selected = model.steps.length - 1;
  const timeline = model.steps.map((step, i) => renderStep(step, drawings.ids[i], i === selected));
  const selectedAttr = selected >= 0 ? ` data-selected-step="${model.steps[selected].index}"` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="kubesim">',
    `<title>${escapeHtml(model.title)} · kubesim report</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    `<body${selectedAttr}>`,
    renderHeader(model),
    svgDefs(),
    '<main class="layout">',
    `<section class="timeline-pane" aria-label="Timeline"><ol class="timeline">${timeline.join('')}</ol></section>`,
    renderView(model, drawings, selected),
    '</main>',
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
