/** Every session of the trajectory store at `root` (an empty list for a store that does not exist yet). */
import { existsSync } from 'node:fs';
import { openStore } from '../../server/trajectories/open-store';
import type { SessionRead } from '../../server/trajectories/store';

/** Reads all sessions of the store at `root`. */
export async function readStoreSessions(root: string): Promise<SessionRead[]> {
  if (!existsSync(root)) return [];
  const store = openStore(root);
  return Promise.all((await store.ids()).map((id) => store.read(id)));
}
