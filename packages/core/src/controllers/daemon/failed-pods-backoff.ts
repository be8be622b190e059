/**
 * Per-key exponential back-off on the virtual clock, as client-go's `flowcontrol.Backoff`: the
 * DaemonSet controller keys it by `<ds uid>/<node>` so it does not hot-loop deleting and recreating
 * a daemon pod the kubelet keeps failing.
 * @see client-go util/flowcontrol/backoff.go, kubernetes pkg/controller/daemon/daemon_controller.go
 */

/** `flowcontrol.NewBackOff(1*time.Second, 15*time.Minute)` in startDaemonSetController. */
export const FAILED_PODS_BACKOFF_INITIAL_MS = 1_000;
/** Cap of the failed-pod back-off (15 minutes). */
export const FAILED_PODS_BACKOFF_MAX_MS = 15 * 60_000;

interface Entry {
  backoffMs: number;
  lastUpdateMs: number;
}

/** A `flowcontrol.Backoff`. */
export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = FAILED_PODS_BACKOFF_INITIAL_MS,
    private readonly maxMs = FAILED_PODS_BACKOFF_MAX_MS,
  ) {}

  /** `Get`: the current delay of `key` (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** `Next`: starts at the initial delay (or after an expired entry), else doubles up to the cap. */
  next(key: string, nowMs: number): void {
    const e = this.entries.get(key);
    if (!e || nowMs - e.lastUpdateMs > 2 * this.maxMs) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdateMs: nowMs });
      return;
    }
    e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
    e.lastUpdateMs = nowMs;
  }

  /** `IsInBackOffSinceUpdate`: less than the current delay has passed since the last `next`. */
  isInBackOffSinceUpdate(key: string, nowMs: number): boolean {
    const e = this.entries.get(key);
    return e !== undefined && nowMs - e.lastUpdateMs < e.backoffMs;
  }
}
