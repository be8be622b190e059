/**
 * Per-attempt plugin state, keyed by plugin-chosen strings (`framework.CycleState`).
 * @see kubernetes pkg/scheduler/framework/cycle_state.go
 *
 * @remarks One is made per scheduling attempt and holds a handful of entries, so it keeps them in
 * short arrays searched linearly instead of a Map and two Sets (a third of a pod's allocations).
 */

/** A small set of plugin names (`sets.Set[string]` of the skip lists). */
export class PluginNameSet {
  private readonly names: string[] = [];

  get size(): number {
    return this.names.length;
  }

  has(name: string): boolean {
    const names = this.names;
    for (let i = 0; i < names.length; i++) if (names[i] === name) return true;
    return false;
  }

  add(name: string): this {
    if (!this.has(name)) this.names.push(name);
    return this;
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.names[Symbol.iterator]();
  }
}

/** Data written by PreFilter/PreScore and read by Filter/Score/Reserve/PreBind of one attempt. */
export class CycleState {
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];
  /** Plugins whose PreFilter returned Skip (their Filter is not run). */
  readonly skipFilterPlugins = new PluginNameSet();
  /** Plugins whose PreScore returned Skip. */
  readonly skipScorePlugins = new PluginNameSet();

  /** Stores `value` under `key`. */
  write(key: string, value: unknown): void {
    const i = this.keys.indexOf(key);
    if (i >= 0) this.values[i] = value;
    else {
      this.keys.push(key);
      this.values.push(value);
    }
  }

  /** Reads a value stored by a plugin earlier in the cycle. */
  read<T>(key: string): T | undefined {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.values[i] as T;
    return undefined;
  }
}
