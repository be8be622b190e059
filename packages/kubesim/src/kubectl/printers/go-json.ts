/**
 * What Go's `encoding/json` writes for the unstructured objects kubectl prints (`-o json`,
 * JSONPath maps and lists): map keys sorted at every level (core's, shared with the API server's
 * last-applied configuration).
 */
export { escapeHtmlJson, sortedKeys } from '@kubesim/core';
