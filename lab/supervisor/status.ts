/** The supervisor's status file (state/supervisor.json): what `aoi lab status` and `lab up` read. */
import { readFile, rename, writeFile } from 'node:fs/promises';

export interface PartStatus {
  state: string;
  pid?: number;
  restarts: number;
  lastExit?: string;
}

export interface SupervisorStatus {
  pid: number;
  basePort: number;
  /** `starting` until every part answered its health check, `failed` with `error` when bring-up failed. */
  phase: 'starting' | 'ready' | 'failed' | 'stopping';
  error?: string;
  startedAt: string;
  updatedAt: string;
  parts: Record<string, PartStatus>;
}

export async function writeStatus(file: string, s: SupervisorStatus): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(s, null, 2));
  await rename(tmp, file);
}

export async function readStatus(file: string): Promise<SupervisorStatus | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as SupervisorStatus;
  } catch {
    return undefined;
  }
}
