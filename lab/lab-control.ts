/**
 * Bring-up, teardown and status of a lab: `up` installs missing packages (as root), checks every port is
 * free, creates the workspace (configs, manifests, certificates, the PostgreSQL cluster) the first time, starts
 * the supervisor detached and waits until every part is healthy. A failed bring-up says why, stops whatever
 * started, and removes a lab it created. `down` recovers an injected fault, stops the supervisor and checks
 * the ports are free again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { labPaths, type LabPaths } from './paths';
import { DEFAULT_BASE_PORT, PARTS, shopPorts, tcpPorts, serviceHost, type ShopPorts } from './shop';
import { ensurePackages } from './packages';
import { tcpFree, udpFree } from './ports';
import { workspaceFiles } from './workspace/files';
import { makeCa, makeServerCert } from './workspace/certs';
import { readStatus, type SupervisorStatus } from './supervisor/status';
import { postgresBin } from './supervisor/datastores';
import { postgresUser } from './postgres-user';
import { recoverActiveFault } from './faults/active-fault';

/** A lab's identity: where it lives and its base port. */
export interface Lab {
  paths: LabPaths;
  ports: ShopPorts;
  base: number;
}

export function lab(root: string, base = DEFAULT_BASE_PORT): Lab {
  return { paths: labPaths(root), ports: shopPorts(base), base };
}

/** The bundled lab programs (beside dist/cli.js). */
export function labProgram(name: 'supervisor' | 'shop-service'): string {
  const file = join(__dirname, 'lab', `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the lab first (node esbuild.mjs)`);
  return file;
}

/** Workspace files kept pristine for recovery: everything but the logs. */
const PRISTINE = ['README.md', 'gateway', 'services', 'redis', 'postgres', 'dns', 'k8s', 'certs'];

function supervisorAlive(pidText: string | undefined): number | undefined {
  const pid = Number(pidText?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function runningPid(l: Lab): Promise<number | undefined> {
  return supervisorAlive(await readFile(l.paths.supervisorPid, 'utf8').catch(() => undefined));
}

/** Brings the lab up; resolves with its status once healthy. `say` reports progress. */
export async function labUp(l: Lab, say: (line: string) => void, timeoutMs = 90000): Promise<SupervisorStatus> {
  if (await runningPid(l)) {
    const s = await readStatus(l.paths.status);
    if (s?.phase === 'ready') return s;
    throw new Error(`the lab at ${l.paths.root} is already running but not ready (phase ${s?.phase ?? 'unknown'}); run aoi lab down first`);
  }
  ensurePackages(say);
  const busy: string[] = [];
  for (const port of tcpPorts(l.ports)) if (!(await tcpFree(port))) busy.push(`${port}/tcp`);
  if (!(await udpFree(l.ports.dns))) busy.push(`${l.ports.dns}/udp`);
  if (busy.length > 0) throw new Error(`port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} in use: stop what holds ${busy.length > 1 ? 'them' : 'it'} or choose another base port (--base-port)`);

  const created = !existsSync(l.paths.workspace);
  try {
    if (created) await createLab(l, say);
    await recoverActiveFault(l, say);
    await startSupervisor(l);
    return await waitReady(l, timeoutMs);
  } catch (err) {
    await stopSupervisor(l).catch(() => undefined);
    if (created) await rm(l.paths.root, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

async function createLab(l: Lab, say: (line: string) => void): Promise<void> {
  say(`creating the lab in ${l.paths.root}`);
  const p = l.paths;
  for (const d of [p.logs, join(p.logs, 'gateway'), p.state, p.redisDir, p.nginxTemp, p.receipts, join(p.workspace, 'certs')]) await mkdir(d, { recursive: true });
  // PostgreSQL runs as its own user, which must reach its data folder and configs under the root.
  await chmod(p.root, 0o755);
  for (const [rel, text] of workspaceFiles(p, l.ports, labProgram('shop-service'))) {
    await mkdir(dirname(join(p.workspace, rel)), { recursive: true });
    await writeFile(join(p.workspace, rel), text);
  }
  const ca = await makeCa();
  const now = Date.now();
  const day = 86400000;
  const inv = await makeServerCert(ca, serviceHost('inventory'), new Date(now - day), new Date(now + 365 * day));
  await writeFile(join(p.workspace, 'certs', 'ca.crt'), ca.cert);
  await writeFile(join(p.state, 'ca.key'), ca.key, { mode: 0o600 });
  await writeFile(join(p.workspace, 'certs', 'inventory.crt'), inv.cert);
  await writeFile(join(p.workspace, 'certs', 'inventory.key'), inv.key, { mode: 0o600 });
  await rm(p.pristine, { recursive: true, force: true });
  for (const rel of PRISTINE) await cp(join(p.workspace, rel), join(p.pristine, rel), { recursive: true });
  await initPostgres(l);
}

/** initdb as the postgres user (root) or the caller, with a `lab` superuser trusted on the local socket. */
async function initPostgres(l: Lab): Promise<void> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const user = postgresUser();
  await mkdir(l.paths.pgdata, { recursive: true, mode: 0o700 });
  await mkdir(l.paths.pgsocket, { recursive: true });
  if (user) {
    await chown(l.paths.pgdata, user.uid, user.gid);
    await chown(l.paths.pgsocket, user.uid, user.gid);
  }
  const r = spawnSync(join(bin, 'initdb'), ['-D', l.paths.pgdata, '-U', 'lab', '-A', 'trust', '--no-instructions'], { encoding: 'utf8', ...(user ? { uid: user.uid, gid: user.gid } : {}), cwd: l.paths.state });
  if (r.status !== 0) throw new Error(`PostgreSQL initdb failed: ${(r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').pop()}`);
}

async function startSupervisor(l: Lab): Promise<void> {
  const out = openSync(join(l.paths.state, 'supervisor.out'), 'a');
  try {
    const child = spawn(process.execPath, [labProgram('supervisor'), l.paths.root, String(l.base)], { detached: true, stdio: ['ignore', out, out], cwd: l.paths.state, env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: process.env.HOME ?? '/' } });
    child.unref();
  } finally {
    closeSync(out);
  }
}

async function waitReady(l: Lab, timeoutMs: number): Promise<SupervisorStatus> {
  const started = Date.now();
  const until = started + timeoutMs;
  while (Date.now() < until) {
    const s = await readStatus(l.paths.status);
    const pid = await runningPid(l);
    if (s && s.pid === pid && s.phase === 'ready') return s;
    if (s?.phase === 'failed') throw new Error(`lab bring-up failed: ${s.error}`);
    // The supervisor writes its pid file at once: none alive after a few seconds means it exited.
    if (!pid && Date.now() > started + 3000) {
      const out = await readFile(join(l.paths.state, 'supervisor.out'), 'utf8').catch(() => '');
      throw new Error(`lab supervisor exited during bring-up${out.trim() ? `: ${out.trim().split('\n').pop()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`lab not healthy after ${timeoutMs / 1000} s (see ${join(l.paths.logs, 'supervisor.log')})`);
}

async function stopSupervisor(l: Lab): Promise<boolean> {
  const pid = await runningPid(l);
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const until = Date.now() + 40000;
  while (Date.now() < until) {
    if (!supervisorAlive(String(pid))) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(-pid, 'SIGKILL');
  throw new Error(`the lab supervisor (pid ${pid}) did not stop within 40 s and was killed`);
}

/** Stops the lab (recovering an injected fault first); resolves with whether it was running. */
export async function labDown(l: Lab, say: (line: string) => void): Promise<boolean> {
  await recoverActiveFault(l, say);
  const was = await stopSupervisor(l);
  const busy: number[] = [];
  for (const port of tcpPorts(l.ports)) if (!(await tcpFree(port))) busy.push(port);
  if (busy.length > 0) throw new Error(`after stopping, port(s) ${busy.join(', ')} are still in use`);
  return was;
}

/** The lab's state: not created, stopped, or the supervisor's status. */
export async function labStatus(l: Lab): Promise<{ created: boolean; running: boolean; status?: SupervisorStatus; parts: readonly string[] }> {
  const running = (await runningPid(l)) !== undefined;
  const status = running ? await readStatus(l.paths.status) : undefined;
  return { created: existsSync(l.paths.workspace), running, ...(status ? { status } : {}), parts: PARTS };
}
