/**
 * Escaping for everything the report prints: every name in a model comes from user input
 * (manifests, commands, event messages), so no string reaches the HTML unescaped.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes a string for HTML (and inline SVG) text and for quoted attribute values.
 *
 * @remarks Escapes `& < > " '`, which covers text nodes, `"…"` and `'…'` attributes, and the
 * content of `<title>` elements inside SVG.
 * @see https://html.spec.whatwg.org/multipage/parsing.html#escapingString
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Shortens a string to at most `max` characters (code points), ending with `…` when cut.
 *
 * @remarks Used for labels drawn in fixed-width SVG boxes; the full text stays in a `<title>`.
 */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
