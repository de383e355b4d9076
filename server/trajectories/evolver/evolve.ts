/**
 * The Failure Trajectory Evolver (the paper's closed loop): mines the failed and rejected attempts of the
 * recorded episodes and turns each into corrective supervision: a preference pair on the state it failed in,
 * and, for a wrong diagnosis, a piece of team guidance the observer can apply to similar incidents. Pure: the
 * same sessions, in any order, give the same output.
 */
import { episodesOf } from '../exports/episodes';
import type { SessionRead } from '../store';
import { correctivePair, sortPairs, type CorrectivePair } from './corrective-pairs';
import { episodeGuidance, mergeGuidance } from './episode-guidance';
import { wrongAttempts } from './failed-attempts';
import type { GuidanceEntry } from './guidance-entry';

/** What the Evolver makes of a store. */
export interface Evolved {
  pairs: CorrectivePair[];
  guidance: GuidanceEntry[];
  /** Episodes read, and those with at least one failed attempt. */
  episodes: number;
  failed: number;
}

/** Corrective pairs and merged guidance from `sessions`. */
export function evolve(sessions: readonly SessionRead[]): Evolved {
  const stepsOf = new Map(sessions.map((s) => [s.header.id, s.steps]));
  const episodes = episodesOf(sessions);
  const pairs: CorrectivePair[] = [];
  const guidance: GuidanceEntry[] = [];
  let failed = 0;
  for (const e of episodes) {
    const attempts = wrongAttempts(e, e.sessions.flatMap((id) => stepsOf.get(id) ?? []));
    if (attempts.length > 0) failed++;
    for (const a of attempts) {
      const pair = correctivePair(e, a);
      if (pair) pairs.push(pair);
      const entry = episodeGuidance(e, a);
      if (entry) guidance.push(entry);
    }
  }
  return { pairs: sortPairs(pairs), guidance: mergeGuidance(guidance), episodes: episodes.length, failed };
}
