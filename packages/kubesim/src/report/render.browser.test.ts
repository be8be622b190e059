import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from './render.js';
import { makeCluster, makeModel, makeNode, makePod, makeStep, makeZone } from './testing/builders.js';
import { FIXTURE, fixtureModel } from './testing/fixture-model.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** Where the HTML files and screenshots go; kept after the run so a human can look at them. */
const OUT_DIR = join(tmpdir(), 'kubesim-report-browser-test');
const TIMEOUT_MS = 30_000;

let browser: Browser | undefined;
let fixtureUrl = '';

/** A page on `url` that records console errors, page errors, dialogs and every request. */
async function open(url: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  if (!browser) throw new Error('browser not launched');
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, problems, requests };
}

function writeReport(name: string, html: string): string {
  const file = join(OUT_DIR, name);
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

/** Text of the visible elements matching `selector` in the shown drawing. */
function visibleTexts(page: Page, selector: string): Promise<string[]> {
  return page.locator(`.drawing:not([hidden]) ${selector}`).allTextContents();
}

/** The browser's `window`, typed for the one call the tests make (the build has no DOM lib). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { getPropertyValue(name: string): string };
}

/** Computed CSS properties of the element `locator` points to. */
function computedStyle(locator: Locator, names: readonly string[]): Promise<Record<string, string>> {
  return locator.evaluate(
    (el, props) => {
      const style = (globalThis as unknown as BrowserWindow).getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    },
    [...names],
  );
}

const selectedStep = (page: Page) => page.locator('.timeline > .step.selected').getAttribute('data-step');

describe('renderReport in Debian chromium', { timeout: TIMEOUT_MS }, () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: the HTML report's browser test needs Debian chromium. Install it with \`apt-get install chromium\` (CI installs it).`);
    }
    mkdirSync(OUT_DIR, { recursive: true });
    fixtureUrl = writeReport('fixture-report.html', renderReport(fixtureModel()));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TIMEOUT_MS);

  it('opens on the last step with every zone, node and pod of the model visible, offline and without errors', async () => {
    const { page, problems, requests } = await open(fixtureUrl);
    expect(await selectedStep(page)).toBe(String(FIXTURE.stepCount - 1));
    expect(await page.locator('.drawing:not([hidden])').count()).toBe(1);
    const selected = await page.locator('.timeline > .step.selected').boundingBox();
    expect(selected && selected.y >= 0 && selected.y + selected.height <= 1000, 'selected step scrolled into view').toBe(true);
    expect(await visibleTexts(page, '.zone-name')).toEqual([...FIXTURE.zones]);
    expect(await visibleTexts(page, '.node-name')).toEqual([...FIXTURE.nodes]);
    expect((await visibleTexts(page, '.pod-name')).sort()).toEqual([...FIXTURE.pods].sort());
    for (const sel of ['.zone', '.node', '.pod', '.volume', '.conflict-line']) {
      const items = page.locator(`.drawing:not([hidden]) ${sel}`);
      const n = await items.count();
      expect(n, sel).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) expect(await items.nth(i).isVisible(), `${sel} #${i}`).toBe(true);
    }
    expect(await page.locator('.drawing:not([hidden]) .volume-id').textContent()).toContain(FIXTURE.volumeId);
    expect(await page.locator('.timeline > .step').count()).toBe(FIXTURE.stepCount);
    expect(await page.locator('.report-seed').textContent()).toBe('42');
    expect(requests).toEqual([fixtureUrl]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('selecting the deadlock step by click highlights the stuck pod and its Multi-Attach line', async () => {
    const { page, problems } = await open(`${fixtureUrl}#step-${FIXTURE.runningStep}`);
    expect(await selectedStep(page)).toBe(String(FIXTURE.runningStep));
    expect(await page.locator('.drawing:not([hidden]) .pod').count()).toBe(1);
    expect(await page.locator('.drawing:not([hidden]) .pod.stuck').count()).toBe(0);
    expect(await page.locator('.drawing:not([hidden]) .conflict-line').count()).toBe(0);

    await page.click(`#step-${FIXTURE.deadlockStep} .step-head`);
    expect(await selectedStep(page)).toBe(String(FIXTURE.deadlockStep));
    expect(await page.locator('#view-title .view-command').textContent()).toBe('advance 2m');
    expect(page.url()).toBe(`${fixtureUrl}#step-${FIXTURE.deadlockStep}`);
    const stuck = page.locator(`.drawing:not([hidden]) .pod[data-pod="default/${FIXTURE.stuckPod}"]`);
    expect(await stuck.isVisible()).toBe(true);
    expect(await stuck.getAttribute('class')).toContain('stuck');
    const style = await computedStyle(stuck.locator('.pod-box'), ['stroke', 'stroke-width', 'stroke-dasharray']);
    expect(style).toEqual({ stroke: 'rgb(220, 38, 38)', 'stroke-width': '3px', 'stroke-dasharray': '5px, 3px' });
    const running = page.locator(`.drawing:not([hidden]) .pod[data-pod="default/${FIXTURE.pods[0]}"] .pod-box`);
    expect(await computedStyle(running, ['stroke', 'fill'])).toEqual({ stroke: 'rgb(22, 163, 74)', fill: 'rgb(187, 247, 208)' });
    const line = page.locator('.drawing:not([hidden]) .conflict-line');
    expect(await line.isVisible()).toBe(true);
    expect(await line.getAttribute('data-node')).toBe(FIXTURE.stuckNode);
    expect(await line.locator('title').textContent()).toBe(FIXTURE.multiAttachMessage);
    expect(await computedStyle(line, ['stroke', 'stroke-dasharray'])).toEqual({ stroke: 'rgb(220, 38, 38)', 'stroke-dasharray': '7px, 4px' });
    expect(await page.locator('.drawing:not([hidden]) .problem-conflict').textContent()).toContain(FIXTURE.multiAttachMessage);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('arrow keys and a hash change move the selection and the drawing follows', async () => {
    const { page, problems } = await open(fixtureUrl);
    await page.keyboard.press('ArrowUp');
    expect(await selectedStep(page)).toBe('5');
    await page.keyboard.press('ArrowUp');
    expect(await selectedStep(page)).toBe('4');
    expect(await page.locator('.drawing:not([hidden]) .pod.stuck').count()).toBe(0);
    expect(await visibleTexts(page, '.pod-status')).toEqual(['Running · 1/1', 'ContainerCreating · 0/1', 'ContainerCreating · 0/1']);
    await page.keyboard.press('ArrowDown');
    expect(await selectedStep(page)).toBe('5');
    expect(await page.locator('.drawing:not([hidden]) .pod.stuck').count()).toBe(1);
    await page.keyboard.press('Home');
    expect(await selectedStep(page)).toBe('0');
    expect(await page.locator('.drawing:not([hidden]) .pod').count()).toBe(0);
    await page.keyboard.press('ArrowUp');
    expect(await selectedStep(page)).toBe('0');
    expect(await page.locator('.step.selected .step-head').getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${fixtureUrl}#step-${FIXTURE.deadlockStep}`);
    expect(await selectedStep(page)).toBe(String(FIXTURE.deadlockStep));
    expect(await page.locator('.step-head[aria-pressed="true"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows hostile names as text without running them', async () => {
    const evil = `<script>alert(1)</script><img src=x onerror="alert(2)">'"`;
    const node = makeNode(evil, 'i-1', { pods: [makePod(evil, { namespace: evil, stuck: true, reason: evil })] });
    const model = makeModel([makeStep(0, evil, makeCluster([makeZone(evil, [node])]), { output: evil })], { title: evil });
    const { page, problems, requests } = await open(writeReport('hostile-report.html', renderReport(model)));
    expect(await page.title()).toBe(`${evil} · kubesim report`);
    expect(await page.locator('h1').textContent()).toBe(evil);
    expect(await page.locator('pre.output').textContent()).toBe(evil);
    const [nodeName] = await visibleTexts(page, '.node-name');
    expect(nodeName.startsWith('<script>alert(1)</script><img')).toBe(true);
    expect(nodeName.endsWith('…')).toBe(true);
    expect(await page.locator('.problem-stuck').textContent()).toContain(`${evil}/${evil}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(requests).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes a screenshot of the deadlock step', async () => {
    const { page, problems } = await open(`${fixtureUrl}#step-${FIXTURE.deadlockStep}`);
    const file = join(OUT_DIR, 'fixture-deadlock.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(statSync(file).size).toBeGreaterThan(30_000);
    expect(problems).toEqual([]);
    await page.close();
  });
});
