import { describe, expect, it } from 'vitest';
import { runDemo } from '../demo/walkthrough.js';
import { renderReport } from './render.js';

describe('renderReport of the chapter demo', () => {
  it('draws the whole walkthrough deterministically, one entry per step, the deadlock included, under 1 MB', () => {
    const model = runDemo().report;
    const html = renderReport(model);
    expect(renderReport(structuredClone(model))).toBe(html);
    expect(html.split('<li class="step').length - 1).toBe(model.steps.length);
    expect(html).toContain('class="conflict-line"');
    expect(html).toContain('data-stuck="true"');
    expect(html.length).toBeLessThan(1_000_000);
  }, 30_000);
});
