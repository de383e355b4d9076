/**
 * A failed-then-corrected incident for the Evolver tests. In `CACHE_REFUSED` an API is refused by its Redis
 * on the port its settings name, while the Redis logs that it is up: the rules rank `service_down redis`
 * first (nothing says where Redis really listens), but the API points at the wrong port (`port_misconfig
 * api`). `recordCorrected` diagnoses it into a store and records a reviewer ruling out the first hypothesis
 * and confirming the right one, in a second session, as the editor would. `SIMILAR_REFUSED` is the same kind
 * of incident with other names, messages and counts; `DISK_FULL` is unrelated.
 */
import { diagnose, type InitialObservation } from '../../server/diagnose';
import { SessionRecorder } from '../../server/trajectories/recorder';
import { TrajectoryStore, type SessionRead } from '../../server/trajectories/store';
import { makeTree, tempDir } from './tree';

const START = Date.parse('2026-11-20T10:00:00Z');

/** `n` log lines from `text(i)`, `stepMs` apart. */
export const lines = (n: number, text: (i: number) => string, stepMs = 15_000): string =>
  Array.from({ length: n }, (_, i) => `${new Date(START + i * stepMs).toISOString()} ${text(i)}\n`).join('');

/** The incident the rules get wrong: service_down redis first; the truth is port_misconfig api. */
export const CACHE_REFUSED: Record<string, string> = {
  'etc/api/api.env': 'REDIS_HOST=redis\nREDIS_PORT=6380\n',
  'logs/api.log': lines(3, () => 'INFO api listening on :8080') + lines(35, () => 'ERROR api cache lookup failed: Error: connect ECONNREFUSED redis:6380'),
  'logs/redis.log': lines(10, () => 'INFO redis Ready to accept connections tcp', 60_000),
};

/** The same failure with other names, another message and other counts: worker refused by kv. */
export const SIMILAR_REFUSED: Record<string, string> = {
  'etc/worker/worker.env': 'CACHE_HOST=kv\nCACHE_PORT=7001\n',
  'logs/worker.log': lines(4, () => 'INFO worker listening on :9090') + lines(80, (i) => `ERROR worker session fetch failed for user ${1000 + i}: Error: connect ECONNREFUSED kv:7001`, 5_000),
  'logs/kv.log': lines(12, () => 'INFO kv Ready to accept connections tcp', 30_000),
};

/** An unrelated incident: a database out of disk. */
export const DISK_FULL: Record<string, string> = {
  'logs/db.log': lines(5, () => 'INFO db checkpoint complete') + lines(20, () => 'ERROR db could not write block: No space left on device'),
};

/** A store on a fresh folder, no redaction, a clock that ticks a second per session. */
export function testStore(): TrajectoryStore {
  let t = START;
  return new TrajectoryStore(tempDir('aoi-store-'), { redactDeep: (v) => v }, { now: () => new Date((t += 1000)) });
}

/** Diagnoses `files` into `store` (a cli session) and returns the folder, the session id and what was seen first. */
export async function recordDiagnosis(store: TrajectoryStore, files: Record<string, string>): Promise<{ folder: string; id: string; first: InitialObservation }> {
  const folder = makeTree(files);
  let first: InitialObservation | undefined;
  const d = await diagnose(folder, { observe: (o) => (first = o) });
  const recorder = await SessionRecorder.start(store, { source: 'cli', folder }, first!.hypotheses);
  await recorder.diagnosis(d, first);
  return { folder, id: recorder.id, first: first! };
}

/** Records CACHE_REFUSED failed (service_down redis on top) then corrected by alice; returns the sessions. */
export async function recordCorrected(store: TrajectoryStore): Promise<SessionRead[]> {
  const { folder, first } = await recordDiagnosis(store, CACHE_REFUSED);
  const review = await SessionRecorder.start(store, { source: 'editor', folder }, first.hypotheses);
  await review.hypothesisVerdict({ fault: 'service_down', component: 'redis' }, false, 'alice', 'redis was up');
  await review.hypothesisVerdict({ fault: 'port_misconfig', component: 'api' }, true, 'alice', 'api points at 6380, redis listens on 6379');
  return readSessions(store);
}

/** Every session of `store`, oldest first. */
export async function readSessions(store: TrajectoryStore): Promise<SessionRead[]> {
  return Promise.all((await store.ids()).map((id) => store.read(id)));
}

/** The 1-based rank of `fault` on `component` in a ranking, or Infinity when it is not ranked. */
export function rankOf(hypotheses: readonly { fault: string; component: string }[], fault: string, component: string): number {
  const i = hypotheses.findIndex((h) => h.fault === fault && h.component === component);
  return i < 0 ? Infinity : i + 1;
}
