/**
 * Scheduler configuration: the one profile's plugins and weights, node sampling, explain depth.
 * @see kubernetes pkg/scheduler/apis/config/types.go (KubeSchedulerConfiguration, Plugins)
 */
import { DEFAULT_SCHEDULER_NAME } from '../api/well-known.js';
import { EXPLAIN_HISTORY, EXPLAIN_TOP_SCORES } from '../defaults.js';
import type { ProfilePlugins } from '../framework/framework.js';
import { DEFAULT_PLUGINS, DEFAULT_SCORE_FUSIONS } from '../plugins/registry.js';

/** `KubeSchedulerConfiguration` as far as kubesim models it. */
export interface SchedulerConfig {
  /** Profile name; pods with this `spec.schedulerName` (or none, for the default) are scheduled. */
  readonly schedulerName?: string;
  /** Plugins to disable by upstream name (`'*'` disables all defaults). */
  readonly disabledPlugins?: readonly string[];
  /** Score weight overrides by plugin name (0 turns a Score plugin off). */
  readonly scoreWeights?: Readonly<Record<string, number>>;
  /** `percentageOfNodesToScore` (0 or unset = adaptive). */
  readonly percentageOfNodesToScore?: number;
  /** Attempts kept per pod for `explain` (default 5; 0 disables recording). */
  readonly explainHistory?: number;
  /** Score rows kept per attempt (default 10). */
  readonly explainTopScores?: number;
}

/** The resolved profile. */
export interface ResolvedConfig {
  readonly schedulerName: string;
  readonly profile: ProfilePlugins;
  readonly percentageOfNodesToScore?: number;
  readonly explainHistory: number;
  readonly explainTopScores: number;
}

/** Applies defaults and enable/disable/weights to the registry. Throws on unknown plugin names. */
export function resolveConfig(config: SchedulerConfig = {}): ResolvedConfig {
  const known = new Set(DEFAULT_PLUGINS.map((p) => p.name));
  for (const n of [...(config.disabledPlugins ?? []), ...Object.keys(config.scoreWeights ?? {})]) {
    if (n !== '*' && !known.has(n)) throw new Error(`plugin "${n}" does not exist`);
  }
  const disabled = new Set(config.disabledPlugins ?? []);
  const entries = DEFAULT_PLUGINS.filter((p) => !disabled.has('*') && !disabled.has(p.name)).map((p) => ({
    ...p,
    weight: config.scoreWeights?.[p.name] ?? p.weight,
  }));
  return {
    schedulerName: config.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    profile: { entries, fusions: DEFAULT_SCORE_FUSIONS },
    percentageOfNodesToScore: config.percentageOfNodesToScore,
    explainHistory: config.explainHistory ?? EXPLAIN_HISTORY,
    explainTopScores: config.explainTopScores ?? EXPLAIN_TOP_SCORES,
  };
}
