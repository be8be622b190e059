/**
 * The report's inline stylesheet. System fonts only: the file must render offline.
 */

/** CSS of the report page and its SVG drawings. */
export const REPORT_CSS = `
:root{--fg:#0f172a;--muted:#475569;--line:#cbd5e1;--bg:#f8fafc;--card:#fff;--accent:#2563eb;--red:#dc2626;--amber:#d97706;--green:#16a34a;--grey:#6b7280}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
code,pre,.mono{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace}
header.report-header{padding:12px 20px;border-bottom:1px solid var(--line);background:var(--card)}
header.report-header h1{margin:0 0 4px;font-size:20px}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;color:var(--muted);font-size:13px}
.meta b{color:var(--fg);font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin-top:8px;font-size:12px;color:var(--muted)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;border:1px solid;vertical-align:-2px;margin-right:4px}
.sw-running{background:#bbf7d0;border-color:var(--green)}.sw-waiting{background:#fde68a;border-color:var(--amber)}
.sw-terminating{background:#e5e7eb;border-color:var(--grey)}.sw-failed{background:#fecaca;border-color:var(--red)}
.sw-stuck{background:#fde68a;border:2px dashed var(--red)}.sw-volume{background:#ede9fe;border-color:#7c3aed}
.sw-line{display:inline-block;width:22px;height:0;border-top:2px solid var(--accent);vertical-align:3px;margin-right:4px}
.sw-conflict{border-top:2px dashed var(--red)}
.layout{display:grid;grid-template-columns:minmax(340px,2fr) 3fr;gap:16px;padding:16px 20px;align-items:start}
@media (min-width:901px){body{height:100vh;display:flex;flex-direction:column}.layout{flex:1;min-height:0;align-items:stretch}.timeline-pane,.view{min-height:0;overflow:auto}}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
.timeline-pane{padding:2px}
.timeline{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.step{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;overflow:hidden}
.step.step-warning{border-left-color:var(--amber)}.step.step-failed{border-left-color:var(--red)}
.step.selected{border-color:var(--accent);border-left-color:var(--accent);box-shadow:0 0 0 2px rgba(37,99,235,.25)}
.step-head{display:block;width:100%;text-align:left;background:none;border:0;padding:8px 10px;cursor:pointer;font:inherit;color:inherit}
.step-head:hover{background:#f1f5f9}.step-head:focus-visible{outline:2px solid var(--accent);outline-offset:-2px}
.step.selected .step-head{background:#eff6ff}
.step-index{font-weight:700}.step-time{color:var(--muted);font-size:12px}
.step-section{margin-left:8px;font-size:12px;color:#1e40af;background:#dbeafe;border-radius:3px;padding:0 5px}
.badge{margin-left:8px;font-size:11px;border-radius:3px;padding:0 5px;font-weight:600}
.badge-exit{background:#fee2e2;color:#991b1b}.badge-warning{background:#fef3c7;color:#92400e}
.step-command{display:block;margin-top:2px;white-space:pre-wrap;word-break:break-all;font-size:13px}
.step-body{padding:0 10px 8px}
pre.output{margin:4px 0;padding:6px 8px;background:#0f172a;color:#e2e8f0;border-radius:4px;font-size:12px;max-height:18em;overflow:auto;white-space:pre}
.no-output,.no-events,.no-problems{margin:4px 0;color:var(--muted);font-size:12px}
ul.events{list-style:none;margin:4px 0 0;padding:0;font-size:12px}
.event{padding:3px 6px;border-bottom:1px solid #eef2f7}
.event-head{display:flex;flex-wrap:wrap;gap:0 8px}
.event-type{color:var(--muted)}.event-reason{font-weight:600}.event-object{color:var(--muted);word-break:break-all}
.event-message{overflow-wrap:anywhere}
.event-warning{background:#fef3c7;color:#7c2d12;border-left:3px solid var(--red)}
.event-warning .event-type{color:var(--red);font-weight:700}
.event-count{color:var(--muted)}
.view{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.view h2{margin:0 0 8px;font-size:15px}
.view h2 code{font-size:13px}
.drawing[hidden]{display:none}
svg.cluster{display:block;max-width:100%;height:auto}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
#arrow-attach path{fill:var(--accent)}#arrow-conflict path{fill:var(--red)}
svg.cluster text{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,monospace;fill:var(--fg)}
.zone-box{fill:#eef2f7;stroke:var(--line)}
.zone-name{font-size:13px;font-weight:700}
.lane-name{font-size:11px;fill:var(--muted)!important;font-weight:600}
.node-box{fill:#fff;stroke:#64748b;stroke-width:1.2}
.node-name{font-size:12px;font-weight:700}
.node-meta,.node-status{font-size:11px}.node-meta{fill:var(--muted)!important}
.node-status{fill:var(--green)!important;font-weight:600}
.node-empty{font-size:11px;fill:var(--muted)!important;font-style:italic}
.node-notready .node-box{fill:#fef2f2;stroke:var(--red);stroke-dasharray:6 3;stroke-width:2}
.node-notready .node-status{fill:var(--red)!important}
.node-unknown .node-box{fill:#f3f4f6;stroke:var(--grey);stroke-dasharray:2 3;stroke-width:2}
.node-unknown .node-status{fill:var(--grey)!important}
.node-cordoned .node-box{stroke:#b45309;stroke-dasharray:10 4;stroke-width:2}
.node-cordoned .node-status{fill:#b45309!important}
.pod-box{stroke-width:1.2}
.pod-name{font-size:12px}.pod-status{font-size:11px}
.pod-running .pod-box{fill:#bbf7d0;stroke:var(--green)}
.pod-waiting .pod-box{fill:#fde68a;stroke:var(--amber)}
.pod-terminating .pod-box{fill:#e5e7eb;stroke:var(--grey)}
.pod-terminating text{fill:#4b5563!important}
.pod-failed .pod-box{fill:#fecaca;stroke:var(--red)}
.pod-done .pod-box{fill:#dbeafe;stroke:#64748b}
.pod-other .pod-box{fill:#f1f5f9;stroke:#94a3b8}
.pod.stuck .pod-box{stroke:var(--red);stroke-width:3;stroke-dasharray:5 3}
.pod.stuck .pod-status{fill:#b91c1c!important;font-weight:700}
.unscheduled-box{fill:#fff7ed;stroke:#fdba74;stroke-dasharray:4 3}
.volume-box{fill:#ede9fe;stroke:#7c3aed}
.volume.has-conflict .volume-box{stroke:var(--red);stroke-width:2}
.volume-id,.volume-claim,.volume-conflict{font-size:11px}
.volume-claim{fill:#5b21b6!important}
.volume-conflict{fill:var(--red)!important;font-weight:700}
.links path{fill:none}
path.attach{stroke:var(--accent);stroke-width:2}
path.attach-attaching,path.attach-detaching{stroke-dasharray:4 3;stroke:#60a5fa}
path.conflict-line{stroke:var(--red);stroke-width:2.2;stroke-dasharray:7 4}
.problems{margin:8px 0 0;padding-left:20px;font-size:13px}
.problem{margin:2px 0;color:#7f1d1d}
.problem code{font-size:12px;word-break:break-all}
.hint{color:var(--muted);font-size:12px;margin:8px 0 0}
`;
