import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TraceRecorder } from './trace.js';
import { scenario } from './trace-scenario.fixture.js';

describe('trace and fingerprint', () => {
  it('same seed and calls give the same trace and fingerprint; another seed changes names', () => {
    const a = scenario(42);
    const b = scenario(42);
    const c = scenario(43);
    expect(a.trace.list()).toEqual(b.trace.list());
    expect(a.fingerprint()).toBe(b.fingerprint());
    expect(c.fingerprint()).not.toBe(a.fingerprint());
    expect(a.store.list('ConfigMap').map((o) => o.metadata.name)).not.toEqual(c.store.list('ConfigMap').map((o) => o.metadata.name));
  });

  it('is identical across processes', () => {
    const here = scenario(42).fingerprint();
    const script = fileURLToPath(new URL('./trace-scenario.fixture.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
    const out = spawnSync(tsx, [script, '42'], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe(here);
  });

  it('digests each record as the line its text makes', () => {
    const t = new TraceRecorder();
    t.record(1, 'call', 'kubectl get pods');
    t.recordWrite(2, 'ADDED', 'Pod', 'default/web-0', 7);
    t.recordEvent(3, 'Normal', 'Scheduled', 'Pod', 'web-0', 'Successfully assigned default/web-0 to n1');
    const lines = t
      .list()
      .map((r) => `${r.atMs}\t${r.kind}\t${r.text}\n`)
      .join('');
    expect(t.list().map((r) => r.text)).toEqual(['kubectl get pods', 'ADDED Pod default/web-0 rv=7', 'Normal Scheduled Pod/web-0: Successfully assigned default/web-0 to n1']);
    expect(t.fingerprint()).toBe(createHash('sha256').update(lines).digest('hex'));
  });

  it('digests non-ASCII text, lone surrogates and odd values as the same lines do', () => {
    const t = new TraceRecorder();
    t.record(0.5, 'call', 'kubectl annotate pod web-0 note=ボリューム🚀');
    t.recordWrite(2, 'ADDED', 'ConfigMap', 'default/café', 9_007_199_254_740_991);
    t.recordEvent(3, 'Warning', 'Odd', 'Pod', undefined as unknown as string, 'lone \ud83d surrogate');
    const lines = t
      .list()
      .map((r) => `${r.atMs}\t${r.kind}\t${r.text}\n`)
      .join('');
    expect(t.fingerprint()).toBe(createHash('sha256').update(lines).digest('hex'));
  });

  it('keeps the newest records when capped but digests all of them', () => {
    const t = new TraceRecorder(3);
    const u = new TraceRecorder(100);
    for (let i = 0; i < 10; i++) {
      t.record(i, 'k', `r${i}`);
      u.record(i, 'k', `r${i}`);
    }
    expect(t.list().map((r) => r.text)).toEqual(['r7', 'r8', 'r9']);
    expect(t.length).toBe(10);
    expect(t.fingerprint()).toBe(u.fingerprint());
  });

  it('drops whole chunks of old records past the cap, keeping the newest and digesting every one (also when asked midway)', () => {
    const capped = new TraceRecorder(10_000);
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      capped.recordWrite(i, 'ADDED', 'Pod', `default/p-${i}`, i);
      lines.push(`${i}\twrite\tADDED Pod default/p-${i} rv=${i}\n`);
      // A fingerprint at an odd count leaves the hashed prefix unaligned.
      if (i === 1234) expect(capped.fingerprint()).toBe(createHash('sha256').update(lines.join('')).digest('hex'));
    }
    expect(capped.length).toBe(40_000);
    const kept = capped.list();
    expect(kept).toHaveLength(10_000);
    expect(kept[0].text).toBe('ADDED Pod default/p-30000 rv=30000');
    expect(kept[9_999].atMs).toBe(39_999);
    expect(capped.fingerprint()).toBe(createHash('sha256').update(lines.join('')).digest('hex'));
  });
});
