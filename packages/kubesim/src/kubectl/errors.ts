/**
 * How kubectl renders errors: `Error from server (NotFound): …` for API errors, `The Deployment
 * "x" is invalid: …` with one `* field: body` line per cause, `error: …` for client errors.
 * @see kubectl pkg/cmd/util/helpers.go (checkErr, StandardErrorMessage, MultilineError, AddSourceToErr)
 */
import { isStatusError, StatusError } from '@kubesim/core';

/** A client-side failure whose text is printed as is (already `error: …`). */
export class KubectlError extends Error {
  override readonly name = 'KubectlError';
  constructor(
    message: string,
    readonly exitCode = 1,
    /** The Go error's own text when it differs from `message` less `error: ` (see `goError`). */
    readonly goText?: string,
  ) {
    super(message);
  }
}

/**
 * A Go error whose text is `text`: alone, `checkErr` prints it with `error: ` in front unless it
 * starts so already; among several, `MultipleErrors` prints `text` as it is.
 */
export function goError(text: string): KubectlError {
  return new KubectlError(text.startsWith('error: ') ? text : `error: ${text}`, 1, text);
}

/** `error: <message>` client error. */
export function clientError(message: string): KubectlError {
  return new KubectlError(`error: ${message}`);
}

/** `cmdutil.UsageErrorf`: the message plus `See 'kubectl exec -h' for help and examples`. */
export function usageErrorf(commandPath: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee '${commandPath} -h' for help and examples`);
}

/** `AddSourceToErr`: prefixes an API error's message with `error when <verb> "<source>": `. */
export function addSourceToErr(verb: string, source: string, err: unknown): unknown {
  if (!source || !isStatusError(err)) return err;
  return new StatusError(err.reason, `error when ${verb} ${JSON.stringify(source)}: ${err.message}`, err.details);
}

/** `StandardErrorMessage`: `Error from server (<Reason>): <message>`. */
export function standardErrorMessage(err: unknown): string {
  if (isStatusError(err)) return err.reason ? `Error from server (${err.reason}): ${err.message}` : `Error from server: ${err.message}`;
  if (err instanceof KubectlError) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

/** `checkErr` text of one error (without the trailing newline). */
export function renderError(err: unknown): string {
  if (isStatusError(err) && err.reason === 'Invalid') {
    const d = err.details;
    let s = 'The request is invalid';
    if (d.kind || d.name) s = `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid`;
    const causes = [...new Set((d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)))];
    if (causes.length === 0) return s;
    if (causes.length === 1) return `${s}: ${causes[0]}`;
    return `${s}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  return standardErrorMessage(err);
}

/**
 * Renders several errors as kubectl does for an aggregate: one alone as `checkErr` prints it,
 * several one per line (`MultipleErrors` with no prefix: API errors in their standard form, the
 * others as their bare message, without `error: `).
 */
export function renderErrors(errs: readonly unknown[]): string {
  if (errs.length === 1) return renderError(errs[0]);
  return errs.map((e) => (e instanceof KubectlError && e.goText !== undefined ? e.goText : standardErrorMessage(e).replace(/^error: /, ''))).join('\n');
}
