/**
 * Where a lab lives. `ROOT/workspace` is the folder a person opens and AOI diagnoses: the configs a user would
 * edit, the Kubernetes-style manifests, the certificates and the live logs. `ROOT/state` holds what no one
 * edits: data folders, pid files, sockets, temp folders, the pristine copy faults are recovered from.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface LabPaths {
  root: string;
  workspace: string;
  logs: string;
  state: string;
  /** The pristine workspace files (configs, manifests, certificates) that recovery restores. */
  pristine: string;
  pgdata: string;
  pgsocket: string;
  redisDir: string;
  nginxTemp: string;
  /** Mount point of the orders receipts volume (a size-limited tmpfs when the lab runs as root). */
  receipts: string;
  /** The supervisor's status file and pid file. */
  status: string;
  supervisorPid: string;
  /** The fault injected now, if any (so `lab down` and a crashed run can recover it). */
  activeFault: string;
}

/** The lab root: `--dir`, else $AOI_LAB_DIR, else a folder in the temp directory (reachable by the postgres user). */
export function labRoot(dir?: string): string {
  return resolve(dir ?? process.env.AOI_LAB_DIR ?? join(tmpdir(), 'aoi-lab'));
}

export function labPaths(root: string): LabPaths {
  const workspace = join(root, 'workspace');
  const state = join(root, 'state');
  return {
    root,
    workspace,
    logs: join(workspace, 'logs'),
    state,
    pristine: join(state, 'pristine'),
    pgdata: join(state, 'pgdata'),
    pgsocket: join(state, 'pgsocket'),
    redisDir: join(state, 'redis'),
    nginxTemp: join(state, 'nginx'),
    receipts: join(state, 'volumes', 'orders-receipts'),
    status: join(state, 'supervisor.json'),
    supervisorPid: join(state, 'supervisor.pid'),
    activeFault: join(state, 'active-fault.json'),
  };
}
