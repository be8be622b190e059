import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHAPTER_MANIFESTS } from './chapter-manifests.js';

const dir = fileURLToPath(new URL('../../../../examples/seed-walkthrough/manifests/', import.meta.url));

describe('chapter manifests', () => {
  it('are the fixture files verbatim', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
    expect(Object.keys(CHAPTER_MANIFESTS).sort()).toEqual(files);
    for (const f of files) expect(CHAPTER_MANIFESTS[f as keyof typeof CHAPTER_MANIFESTS]).toBe(readFileSync(`${dir}${f}`, 'utf8'));
  });
});
