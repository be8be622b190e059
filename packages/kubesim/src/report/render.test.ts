import { describe, expect, it } from 'vitest';
import type { ReportModel } from './model.js';
import { renderReport } from './render.js';
import { makeCluster, makeEvent, makeModel, makeNode, makePod, makeStep, makeVolume, makeZone } from './testing/builders.js';
import { FIXTURE, fixtureModel } from './testing/fixture-model.js';

/** The opening tag of the element whose attribute `attr` equals `value`. */
function tagWith(html: string, attr: string, value: string): string {
  const at = html.indexOf(`${attr}="${value}"`);
  if (at < 0) return '';
  return html.slice(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
}

/** The drawing shown for step `index`. */
function drawingOfStep(html: string, index: number): string {
  const id = /data-drawing="(\d+)"/.exec(tagWith(html, 'id', `step-${index}`))?.[1];
  const start = html.indexOf(`<div class="drawing" id="drawing-${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</div>', start));
}

function count(html: string, needle: string): number {
  return html.split(needle).length - 1;
}

const HOSTILE = `<script>alert(1)</script>"'&x" onmouseover="alert(2)`;

function hostileModel(): ReportModel {
  const pod = makePod(HOSTILE, { namespace: HOSTILE, status: HOSTILE, ready: HOSTILE, stuck: true, reason: HOSTILE, claims: [HOSTILE] });
  const node = makeNode(HOSTILE, HOSTILE, { instanceType: HOSTILE, pods: [pod] });
  const volume = makeVolume(HOSTILE, HOSTILE, {
    volumeType: HOSTILE,
    state: HOSTILE,
    pvName: HOSTILE,
    claim: HOSTILE,
    attachments: [{ nodeName: HOSTILE, instanceId: HOSTILE, state: HOSTILE }],
    conflict: { nodeName: HOSTILE, pods: [HOSTILE], message: HOSTILE },
  });
  const cluster = makeCluster([makeZone(HOSTILE, [node])], [volume], [pod]);
  const event = makeEvent(HOSTILE, HOSTILE, HOSTILE, { type: 'Warning' });
  const step = makeStep(0, HOSTILE, cluster, { section: HOSTILE, output: HOSTILE, time: HOSTILE, events: [event] });
  return makeModel([step], { title: HOSTILE, fingerprint: HOSTILE });
}

describe('renderReport', () => {
  it('renders one self-contained document with a header naming title, seed and fingerprint', () => {
    const html = renderReport(fixtureModel());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<h1>Deployment with one RWO claim scaled to 3</h1>');
    expect(html).toContain('<b class="report-seed">42</b>');
    expect(html).toContain('<b class="report-fingerprint mono">sha256:9f2c4e1a7b3d5f60</b>');
    expect(count(html, '<script')).toBe(1);
    expect(count(html, '<style>')).toBe(1);
  });

  it('fetches nothing: no src/href attributes, no imports, a CSP that forbids the network', () => {
    const html = renderReport(fixtureModel());
    expect(html).not.toMatch(/\s(src|href|srcset)=/);
    expect(html).not.toMatch(/@import|url\((?!#)/);
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:\/\//);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
  });

  it('has one timeline section per step, with id step-N, its command, output and events', () => {
    const model = fixtureModel();
    const html = renderReport(model);
    expect(count(html, '<li class="step')).toBe(FIXTURE.stepCount);
    for (const step of model.steps) {
      const tag = tagWith(html, 'id', `step-${step.index}`);
      expect(tag).toMatch(/^<li class="step/);
      expect(tag).toContain(`data-step="${step.index}"`);
    }
    expect(html).toContain('<code class="step-command">kubectl scale deployment/randserver --replicas=3</code>');
    expect(html).toContain('<pre class="output">deployment.apps/randserver scaled\n</pre>');
    expect(html).toContain('<span class="event-reason">ProvisioningSucceeded</span>');
  });

  it('highlights Warning events and flags their step', () => {
    const html = renderReport(fixtureModel());
    expect(count(html, '<li class="event event-warning">')).toBe(1);
    const warning = html.slice(html.indexOf('<li class="event event-warning">'));
    expect(warning).toMatch(/^<li class="event event-warning"><div class="event-head"><span class="event-type">Warning<\/span><span class="event-reason">FailedAttachVolume<\/span>/);
    expect(tagWith(html, 'id', `step-${FIXTURE.deadlockStep}`)).toContain('step-warning');
    expect(tagWith(html, 'id', `step-${FIXTURE.runningStep}`)).not.toContain('step-warning');
  });

  it('selects the last step by default: its entry is selected and only its drawing is shown', () => {
    const html = renderReport(fixtureModel());
    const last = FIXTURE.stepCount - 1;
    expect(tagWith(html, 'id', `step-${last}`)).toContain('class="step selected"');
    expect(count(html, ' selected"')).toBe(1);
    const shown = [...html.matchAll(/<div class="drawing" id="drawing-(\d+)" data-drawing="\d+">/g)].map((m) => m[1]);
    expect(shown).toHaveLength(1);
    expect(tagWith(html, 'id', `step-${last}`)).toContain(`data-drawing="${shown[0]}"`);
    expect(html).toContain('<body data-selected-step="6">');
  });

  it('shares one drawing between steps whose cluster did not change', () => {
    const html = renderReport(fixtureModel());
    const drawingOf = (i: number) => /data-drawing="(\d+)"/.exec(tagWith(html, 'id', `step-${i}`))?.[1];
    expect(drawingOf(5)).toBe(drawingOf(6));
    expect(drawingOf(4)).not.toBe(drawingOf(5));
    expect(count(html, '<div class="drawing"')).toBe(FIXTURE.stepCount - 1);
  });

  it('marks the stuck pod with class stuck and data-stuck, and no other pod', () => {
    const full = renderReport(fixtureModel());
    const html = drawingOfStep(full, FIXTURE.deadlockStep);
    expect(tagWith(drawingOfStep(full, 4), 'data-pod', `default/${FIXTURE.stuckPod}`)).toBe(
      `<g class="pod pod-waiting" data-pod="default/${FIXTURE.stuckPod}" data-status="ContainerCreating">`,
    );
    const tag = tagWith(html, 'data-pod', `default/${FIXTURE.stuckPod}`);
    expect(tag).toContain('class="pod pod-waiting stuck"');
    expect(tag).toContain('data-stuck="true"');
    expect(tag).toContain('data-status="ContainerCreating"');
    const stuckTags = [...full.matchAll(/<g class="pod [^"]*"[^>]*>/g)].map((m) => m[0]).filter((t) => t.includes('stuck'));
    expect(stuckTags).toHaveLength(1);
    expect(html).toContain(`<li class="problem problem-stuck" data-pod="default/${FIXTURE.stuckPod}">`);
  });

  it('draws the Multi-Attach conflict as a line from the volume to the node that cannot attach it', () => {
    const html = renderReport(fixtureModel());
    const line = tagWith(html, 'class', 'conflict-line');
    expect(line).toContain(`data-volume="${FIXTURE.volumeId}"`);
    expect(line).toContain(`data-node="${FIXTURE.stuckNode}"`);
    expect(line).toContain('marker-end="url(#arrow-conflict)"');
    const escapedMessage = FIXTURE.multiAttachMessage.replaceAll('"', '&quot;');
    expect(html).toContain(`url(#arrow-conflict)"><title>${escapedMessage}</title></path>`);
    expect(html).toContain(`cannot attach to node <code>${FIXTURE.stuckNode}</code>: ${escapedMessage}</li>`);
    expect(tagWith(drawingOfStep(html, FIXTURE.deadlockStep), 'data-volume', FIXTURE.volumeId)).toContain(`data-conflict-node="${FIXTURE.stuckNode}"`);
  });

  it('draws an attachment arrow from the volume to the node it is attached to', () => {
    const html = renderReport(fixtureModel());
    const arrows = [...html.matchAll(/<path class="attach attach-(\w+)" data-volume="([^"]+)" data-node="([^"]+)"/g)];
    expect(arrows.map((m) => m[1])).toContain('attaching');
    expect(arrows.map((m) => m[1])).toContain('attached');
    expect(new Set(arrows.map((m) => `${m[2]}>${m[3]}`))).toEqual(new Set([`${FIXTURE.volumeId}>${FIXTURE.nodes[0]}`]));
  });

  it('escapes every user string in text and attributes', () => {
    const html = renderReport(hostileModel());
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('" onmouseover="');
    expect(html).not.toContain("\"'&x");
    expect(count(html, '<script')).toBe(1);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;x&quot; onmouseover=&quot;alert(2)');
    expect(html).toContain(`data-pod="${'&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;x&quot; onmouseover=&quot;alert(2)'.repeat(1)}/`);
    // Every attribute value is a single quoted token: no quote leaks out of an attribute.
    for (const m of html.matchAll(/<[a-z][^>]*>/g)) expect(m[0]).not.toMatch(/="[^"]*"[^\s/>]/);
  });

  it('draws node readiness and cordons apart', () => {
    const nodes = [
      makeNode('n-ready', 'i-1'),
      makeNode('n-notready', 'i-2', { ready: 'False' }),
      makeNode('n-unknown', 'i-3', { ready: 'Unknown' }),
      makeNode('n-cordoned', 'i-4', { unschedulable: true }),
    ];
    const html = renderReport(makeModel([makeStep(0, 'kubectl cordon n-cordoned', makeCluster([makeZone('us-east-1a', nodes)]))]));
    expect(tagWith(html, 'data-node', 'n-ready')).toContain('class="node"');
    expect(tagWith(html, 'data-node', 'n-notready')).toContain('class="node node-notready"');
    expect(tagWith(html, 'data-node', 'n-unknown')).toContain('class="node node-unknown"');
    expect(tagWith(html, 'data-node', 'n-cordoned')).toContain('class="node node-cordoned"');
    expect(html).toContain('<text class="node-status" x="30" y="');
    expect(html).toMatch(/class="node-status"[^>]*>NotReady</);
    expect(html).toMatch(/class="node-status"[^>]*>Unknown</);
    expect(html).toMatch(/class="node-status"[^>]*>Ready,SchedulingDisabled · cordoned</);
    expect(html).toContain('Node <code>n-unknown</code> is <b>Unknown</b>');
  });

  it('colours pods by status and draws unscheduled pods in their own lane', () => {
    const pods = ['Running', 'ContainerCreating', 'Terminating', 'CrashLoopBackOff'].map((s, i) => makePod(`p${i}`, { status: s }));
    const pending = makePod('pending-0', { status: 'Pending', ready: '0/1' });
    const cluster = makeCluster([makeZone('us-east-1a', [makeNode('n1', 'i-1', { pods })])], [], [pending]);
    const html = renderReport(makeModel([makeStep(0, 'advance 1m', cluster)]));
    expect(tagWith(html, 'data-pod', 'default/p0')).toContain('pod-running');
    expect(tagWith(html, 'data-pod', 'default/p1')).toContain('pod-waiting');
    expect(tagWith(html, 'data-pod', 'default/p2')).toContain('pod-terminating');
    expect(tagWith(html, 'data-pod', 'default/p3')).toContain('pod-failed');
    const lane = html.slice(html.indexOf('<g class="unscheduled">'), html.indexOf('<g class="links">'));
    expect(lane).toContain('Unscheduled pods (1)');
    expect(lane).toContain('data-pod="default/pending-0"');
    expect(lane).not.toContain('data-pod="default/p0"');
  });

  it('gives a zone that only a volume names its own column', () => {
    const cluster = makeCluster([makeZone('us-east-1a', [makeNode('n1', 'i-1')])], [makeVolume('vol-1', 'us-east-1c')]);
    const html = renderReport(makeModel([makeStep(0, 'aws ec2 create-volume', cluster)]));
    expect(count(html, '<g class="zone"')).toBe(2);
    const zoneC = html.slice(html.indexOf('data-zone="us-east-1c"'));
    const columnC = zoneC.slice(0, zoneC.indexOf('</g><g class="') + 1);
    expect(columnC).toContain('>no nodes</text>');
    expect(columnC).toContain('EBS volumes');
    expect(columnC).toContain('data-volume="vol-1"');
  });

  it('is deterministic: the same model gives the same bytes', () => {
    const a = renderReport(fixtureModel());
    const b = renderReport(structuredClone(fixtureModel()));
    expect(b).toBe(a);
  });

  it('renders a model without steps', () => {
    const html = renderReport(makeModel([]));
    expect(html).toContain('No steps recorded.');
    expect(html).toContain('<ol class="timeline"></ol>');
    expect(html).toContain('<b>0</b> steps');
  });

  it('stays well under 1 MB for 40 steps of 10 pods whose drawings all differ', () => {
    const statuses = ['Running', 'ContainerCreating', 'Terminating', 'Pending'];
    const steps = Array.from({ length: 40 }, (_, s) => {
      const pods = (from: number) =>
        Array.from({ length: 5 }, (_, p) =>
          makePod(`randserver-6d5b8f7c9d-${String(from + p).padStart(3, 'x')}${String(s).padStart(2, '0')}`, { status: statuses[(s + p) % 4], claims: ['randserver-data'] }),
        );
      const cluster = makeCluster(
        [makeZone('us-east-1a', [makeNode('ip-192-168-10-21.ec2.internal', 'i-0a1f2e3d4c5b6a701', { pods: pods(0) })]), makeZone('us-east-1b', [makeNode('ip-192-168-40-7.ec2.internal', 'i-0c3d4e5f6a7b8c903', { pods: pods(5) })])],
        [makeVolume('vol-0f3a9c8b7d6e5f412', 'us-east-1a', { state: 'in-use', attachments: [{ nodeName: 'ip-192-168-10-21.ec2.internal', instanceId: 'i-0a1f2e3d4c5b6a701', state: 'attached' }] })],
      );
      const events = Array.from({ length: 4 }, (_, e) => makeEvent('Scheduled', `pod/p${e}`, `Successfully assigned default/p${e} to ip-192-168-10-21.ec2.internal`));
      return makeStep(s, `kubectl get pods -o wide # ${s}`, cluster, { output: 'NAME   READY   STATUS\n'.repeat(12), events });
    });
    const html = renderReport(makeModel(steps));
    expect(count(html, '<div class="drawing"')).toBe(40);
    expect(html.length).toBeLessThan(500_000);
  });
});
