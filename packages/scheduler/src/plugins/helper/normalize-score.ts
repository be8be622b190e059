/**
 * `helper.DefaultNormalizeScore`: scales scores so the highest becomes `maxPriority`, optionally
 * reversed.
 * @see kubernetes pkg/scheduler/framework/plugins/helper/normalize_score.go
 */
import type { NodeScores } from '../../framework/interface.js';

/** Normalizes `scores` in place. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScores): void {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
  normalizeScoreWithMax(maxPriority, reverse, scores, max);
}

/** `defaultNormalizeScore` when the highest score (or 0 if none is positive) is already known. */
export function normalizeScoreWithMax(maxPriority: number, reverse: boolean, scores: NodeScores, max: number): void {
  if (max === 0) {
    if (reverse) for (let i = 0; i < scores.length; i++) scores[i] = maxPriority;
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * scores[i]) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
