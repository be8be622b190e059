import { describe, expect, it } from 'vitest';
import { escapeHtml, truncate } from './escape.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
    expect(escapeHtml('pvc-6f1c · 1GiB ⚠')).toBe('pvc-6f1c · 1GiB ⚠');
  });

  it('escapes an existing entity again, so it shows literally', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text to max characters ending with an ellipsis', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
  });

  it('counts code points, never splitting a surrogate pair', () => {
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
  });
});
