/**
 * The fault injected now, kept in state/active-fault.json, so that recovery works even after a crashed run:
 * `lab up`, `lab down` and the next task recover it first. Recovery undoes the fault's live changes and puts
 * the workspace's configuration back as it was created (whatever a fault or a fix changed), leaving the logs.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Lab } from '../lab-control';
import type { Fault, FaultContext } from './fault';
import { faultById } from './catalog';

/** Workspace folders whose files are configuration (restored), unlike logs/. */
export const CONFIG_DIRS = ['gateway', 'services', 'redis', 'postgres', 'dns', 'k8s', 'certs'];

export function faultContext(lab: Lab): FaultContext {
  return {
    lab,
    async edit(rel, change) {
      const file = join(lab.paths.workspace, rel);
      await writeFile(file, change(await readFile(file, 'utf8')));
    },
    async create(rel, text) {
      await mkdir(dirname(join(lab.paths.workspace, rel)), { recursive: true });
      await writeFile(join(lab.paths.workspace, rel), text);
    },
  };
}

/** Injects `fault`, after recording it as the active one. */
export async function injectFault(lab: Lab, fault: Fault): Promise<void> {
  await writeFile(lab.paths.activeFault, JSON.stringify({ id: fault.id }));
  await fault.inject(faultContext(lab));
}

/** Recovers the injected fault, if any; resolves with its id. */
export async function recoverActiveFault(lab: Lab, say: (line: string) => void = () => undefined): Promise<string | undefined> {
  let id: string | undefined;
  try {
    id = (JSON.parse(await readFile(lab.paths.activeFault, 'utf8')) as { id: string }).id;
  } catch {
    return undefined;
  }
  const fault = faultById(id);
  if (fault?.recover) await fault.recover(faultContext(lab));
  await restoreConfiguration(lab);
  await rm(lab.paths.activeFault, { force: true });
  say(`recovered fault ${id}`);
  return id;
}

/** Every configuration file back to its pristine text; files the pristine copy lacks removed. */
export async function restoreConfiguration(lab: Lab): Promise<string[]> {
  const changed: string[] = [];
  for (const dir of CONFIG_DIRS) {
    const pristine = new Set((await readdir(join(lab.paths.pristine, dir), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(lab.paths.pristine.length + 1)));
    const present = (await readdir(join(lab.paths.workspace, dir), { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(lab.paths.workspace.length + 1));
    for (const rel of present) {
      if (!pristine.has(rel)) {
        await rm(join(lab.paths.workspace, rel), { force: true });
        changed.push(rel);
      }
    }
    for (const rel of pristine) {
      const want = await readFile(join(lab.paths.pristine, rel));
      const have = await readFile(join(lab.paths.workspace, rel)).catch(() => undefined);
      if (have && want.equals(have)) continue;
      await cp(join(lab.paths.pristine, rel), join(lab.paths.workspace, rel));
      changed.push(rel);
    }
  }
  return changed;
}
