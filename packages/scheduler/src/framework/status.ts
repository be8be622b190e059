/**
 * Plugin status: `undefined` means Success; otherwise a code and the reasons shown to users.
 *
 * @remarks Codes as upstream: Error, Unschedulable, UnschedulableAndUnresolvable, Skip.
 * `Pending`/`Wait` are not modelled (no Permit plugins).
 * @see kubernetes pkg/scheduler/framework/interface.go (Code, Status)
 */

/** A non-success status code. */
export type Code = 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

/** A plugin's verdict; `undefined` stands for Success. */
export interface Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  /** The plugin that returned it, filled in by the framework. */
  plugin?: string;
}

/** A new status (`framework.NewStatus`). */
export function newStatus(code: Code, ...reasons: string[]): Status {
  return { code, reasons };
}

/** A shared frozen status for a fixed verdict: plugins return it instead of a new one per node. */
export function constantStatus(code: Code, ...reasons: string[]): Status {
  return Object.freeze({ code, reasons: Object.freeze(reasons) });
}

/** The message of a status: reasons joined by `, ` (`Status.Message`). */
export function statusMessage(status: Status | undefined): string {
  return status ? status.reasons.join(', ') : '';
}

/** Whether a status rejects the pod (Unschedulable or UnschedulableAndUnresolvable). */
export function isRejected(status: Status | undefined): boolean {
  return status !== undefined && (status.code === 'Unschedulable' || status.code === 'UnschedulableAndUnresolvable');
}

/** The shared Skip status: PreFilter returns it to skip the plugin's Filter for this pod. */
export const SKIP: Status = Object.freeze({ code: 'Skip', reasons: [] }) as Status;
