/**
 * Per-attempt plugin state, keyed by plugin-chosen strings (`framework.CycleState`).
 * @see kubernetes pkg/scheduler/framework/cycle_state.go
 */

/** Data written by PreFilter/PreScore and read by Filter/Score/Reserve/PreBind of one attempt. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip (their Filter is not run). */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip. */
  readonly skipScorePlugins = new Set<string>();

  /** Stores `value` under `key`. */
  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  /** Reads a value stored by a plugin earlier in the cycle. */
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
}
