/**
 * The lab supervisor (bundled as dist/lab/supervisor.js, started detached by `aoi lab up`): runs every part of
 * the shop as the workspace's files say, and keeps doing so. It starts PostgreSQL, Redis, lab-dns, the lab
 * network (Service proxies with NetworkChaos), the three services and the nginx gateway; restarts a process
 * that exits with back-off; applies file changes (a service restarts when its manifest, .env or start script
 * changes, nginx reloads, PostgreSQL reloads pg_hba.conf and restarts on postgresql.conf); sizes the receipts
 * volume from its claim; writes its status to state/supervisor.json; stops everything on SIGTERM.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { labPaths, type LabPaths } from '../paths';
import { APPS, shopPorts, type AppName, type ShopPorts } from '../shop';
import { readManifests, type Manifests } from '../net/manifests';
import { ServiceProxies } from '../net/service-proxy';
import { LabDns } from '../net/dns-server';
import { clearHostZone, syncHostZone } from '../net/host-resolver';
import { Journal } from './journal';
import { ProcessPart, type Launch } from './process-part';
import { readEnvFile } from './env-file';
import { shopHealthy } from './health';
import { writeStatus, type SupervisorStatus } from './status';
import { postgresBin, postgresReady, redisReady, seedPostgres, seedRedis, waitFor } from './datastores';
import { RECEIPTS_MI } from '../workspace/files';
import { postgresUser } from '../postgres-user';

const TICK_MS = 500;

class Supervisor {
  readonly paths: LabPaths;
  readonly ports: ShopPorts;
  readonly journal: Journal;
  private readonly parts = new Map<string, ProcessPart>();
  private readonly fingerprints = new Map<string, string>();
  private readonly proxies: ServiceProxies;
  private readonly dns: LabDns;
  private manifests: Manifests | undefined;
  private receiptsMi: number | undefined;
  private status: SupervisorStatus;
  private ticking = false;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(root: string, base: number) {
    this.paths = labPaths(root);
    this.ports = shopPorts(base);
    this.journal = new Journal(join(this.paths.logs, 'supervisor.log'));
    const netLog = new Journal(join(this.paths.logs, 'lab-net.log'));
    this.proxies = new ServiceProxies((l) => netLog.line('lab-net', l));
    this.dns = new LabDns(join(this.paths.workspace, 'dns', 'shop.hosts'), (l) => appendLine(join(this.paths.logs, 'lab-dns.log'), l));
    const now = new Date().toISOString();
    this.status = { pid: process.pid, basePort: base, phase: 'starting', startedAt: now, updatedAt: now, parts: {} };
  }

  async run(): Promise<void> {
    await writeFile(this.paths.supervisorPid, `${process.pid}\n`);
    process.on('SIGTERM', () => void this.shutdown(0));
    process.on('SIGINT', () => void this.shutdown(0));
    try {
      await this.bringUp();
      this.status.phase = 'ready';
      this.journal.line('aoi-lab', 'Reached target shop: every part answers its health check.');
    } catch (err) {
      this.status.phase = 'failed';
      this.status.error = (err as Error).message;
      this.journal.line('aoi-lab', `Bring-up failed: ${(err as Error).message}`);
      await this.saveStatus();
      await this.shutdown(1);
      return;
    }
    await this.saveStatus();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  private async bringUp(): Promise<void> {
    const m = await readManifests(join(this.paths.workspace, 'k8s'));
    await this.sizeReceipts(m);
    const pgBin = postgresBin();
    if (!pgBin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
    const seeded = join(this.paths.state, 'pg-seeded');
    this.startPostgres(pgBin);
    await waitFor('postgres', () => postgresReady(this.paths, this.ports), 20000, join(this.paths.logs, 'postgres.log'));
    if (!existsSync(seeded)) {
      await seedPostgres(this.paths, this.ports);
      await writeFile(seeded, new Date().toISOString());
    }
    await this.startRedis();
    await this.dns.start(this.ports.dns);
    syncHostZone(this.paths.root, await readFile(join(this.paths.workspace, 'dns', 'shop.hosts'), 'utf8').catch(() => ''));
    await this.applyNetwork(m);
    for (const app of ['inventory', 'orders', 'web-api'] as AppName[]) await this.startApp(app);
    this.startGateway();
    await waitFor('the shop', () => shopHealthy(this.paths, this.ports), 30000);
    for (const k of this.watchedKeys()) this.fingerprints.set(k, await this.fingerprint(k, m));
  }

  private part(unit: string): ProcessPart {
    let p = this.parts.get(unit);
    if (!p) {
      p = new ProcessPart(unit, this.journal);
      this.parts.set(unit, p);
    }
    return p;
  }

  private postgresLaunch(pgBin: string): Launch {
    const user = postgresUser();
    return {
      argv: [join(pgBin, 'postgres'), '-c', `config_file=${join(this.paths.workspace, 'postgres', 'postgresql.conf')}`],
      cwd: this.paths.state,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' },
      log: join(this.paths.logs, 'postgres.log'),
      stopSignal: 'SIGINT',
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    };
  }

  private startPostgres(pgBin: string): void {
    this.part('postgres').start(this.postgresLaunch(pgBin));
  }

  private redisLaunch(): Launch {
    return { argv: ['redis-server', join(this.paths.workspace, 'redis', 'redis.conf')], cwd: this.paths.redisDir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } };
  }

  private async startRedis(): Promise<void> {
    this.part('redis').start(this.redisLaunch());
    await waitFor('redis', () => redisReady(this.ports), 10000, join(this.paths.logs, 'redis.log'));
    await seedRedis(this.ports);
  }

  private async appLaunch(app: AppName): Promise<Launch | undefined> {
    const d = this.manifests?.deployments.get(app);
    if (!d || d.replicas < 1) return undefined;
    const env = await readEnvFile(join(this.paths.workspace, 'services', app, '.env'));
    const [cmd, ...args] = d.command.length > 0 ? d.command : ['node', `services/${app}/server.js`];
    const heap = d.memoryMi ? [`--max-old-space-size=${Math.max(16, Math.floor(d.memoryMi * 0.75))}`] : [];
    const argv = cmd === 'node' ? [process.execPath, ...heap, ...args] : [cmd!, ...args];
    return { argv, cwd: this.paths.workspace, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', ...env }, log: join(this.paths.logs, `${app}.log`) };
  }

  private async startApp(app: AppName): Promise<void> {
    const launch = await this.appLaunch(app);
    const part = this.part(app);
    if (!launch) {
      await part.stop();
      this.journal.line(app, `Deployment ${app} scaled to 0 replicas; not started.`);
      return;
    }
    part.start(launch);
  }

  private gatewayLaunch(): Launch {
    return {
      argv: ['nginx', '-p', this.paths.nginxTemp, '-e', join(this.paths.logs, 'gateway', 'error.log'), '-c', join(this.paths.workspace, 'gateway', 'nginx.conf'), '-g', 'daemon off;'],
      cwd: this.paths.nginxTemp,
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' },
      log: join(this.paths.logs, 'gateway', 'error.log'),
      stopSignal: 'SIGQUIT',
    };
  }

  private startGateway(): void {
    this.part('gateway').start(this.gatewayLaunch());
  }

  /** Applies the manifests' Services and NetworkChaos (`m`, read once per round) to the lab network. */
  private async applyNetwork(m: Manifests): Promise<void> {
    this.manifests = m;
    for (const p of this.manifests.problems) this.journal.line('lab-net', `manifest skipped: ${p}`);
    const labelsOf = (service: string): Record<string, string>[] => [...this.manifests!.deployments.values()].filter((d) => d.name === service || d.labels.app === service).map((d) => d.labels);
    await this.proxies.apply(this.manifests, labelsOf);
  }

  /** Mounts the receipts volume as a tmpfs of its claim's size (root only; otherwise a plain folder). */
  private async sizeReceipts(m: Manifests): Promise<void> {
    const claim = m.claims.get('orders-receipts') ?? RECEIPTS_MI;
    const size = Math.max(1, Math.round(claim));
    if (size === this.receiptsMi) return;
    await mkdir(this.paths.receipts, { recursive: true });
    if (process.getuid?.() === 0) {
      const mounted = readFileSync('/proc/mounts', 'utf8').split('\n').some((l) => l.split(' ')[1] === this.paths.receipts);
      execFileSync('mount', mounted ? ['-o', `remount,size=${size}m`, this.paths.receipts] : ['-t', 'tmpfs', '-o', `size=${size}m,mode=0755`, 'tmpfs', this.paths.receipts]);
      this.journal.line('orders-receipts', `${mounted ? 'Resized' : 'Mounted'} volume orders-receipts (${size}Mi).`);
    }
    this.receiptsMi = size;
  }

  private watchedKeys(): string[] {
    return ['k8s', 'gateway', 'redis', 'postgresql.conf', 'pg_hba.conf', 'zone', ...APPS.map((a) => `app:${a}`)];
  }

  /** What `key`'s part runs from, as text: equal texts need no change. `m` is the manifests as they are now. */
  private async fingerprint(key: string, m: Manifests): Promise<string> {
    const ws = this.paths.workspace;
    const read = (rel: string): Promise<string> => readFile(join(ws, rel), 'utf8').catch(() => '<missing>');
    if (key === 'k8s') return JSON.stringify({ s: m.services, c: m.chaos, v: [...m.claims], p: m.problems });
    if (key === 'gateway') return read('gateway/nginx.conf');
    if (key === 'redis') return read('redis/redis.conf');
    if (key === 'postgresql.conf') return read('postgres/postgresql.conf');
    if (key === 'pg_hba.conf') return read('postgres/pg_hba.conf');
    if (key === 'zone') return read('dns/shop.hosts');
    const app = key.slice(4);
    return JSON.stringify(m.deployments.get(app) ?? null) + (await read(`services/${app}/.env`)) + (await read(`services/${app}/server.js`));
  }

  /** One round: apply what changed in the workspace, then save the status. */
  private async tick(): Promise<void> {
    if (this.ticking || this.stopping) return;
    this.ticking = true;
    try {
      const m = await readManifests(join(this.paths.workspace, 'k8s'));
      for (const key of this.watchedKeys()) {
        const now = await this.fingerprint(key, m);
        if (this.fingerprints.get(key) === now) continue;
        this.fingerprints.set(key, now);
        await this.applyChange(key, m);
      }
      await this.saveStatus();
    } catch (err) {
      this.journal.line('aoi-lab', `applying a change failed: ${(err as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  private async applyChange(key: string, m: Manifests): Promise<void> {
    if (key === 'k8s') {
      await this.applyNetwork(m);
      await this.sizeReceipts(m);
      return;
    }
    if (key === 'gateway') {
      const pid = this.part('gateway').pid;
      this.journal.line('gateway', 'Reloading: nginx.conf changed.');
      if (pid) process.kill(pid, 'SIGHUP');
      return;
    }
    if (key === 'redis') {
      this.journal.line('redis', 'Restarting: redis.conf changed.');
      await this.part('redis').restart(this.redisLaunch());
      await waitFor('redis', () => redisReady(this.ports), 10000).then(() => seedRedis(this.ports)).catch((err: Error) => this.journal.line('redis', err.message));
      return;
    }
    if (key === 'postgresql.conf') {
      this.journal.line('postgres', 'Restarting: postgresql.conf changed.');
      await this.part('postgres').restart(this.postgresLaunch(postgresBin()!));
      return;
    }
    if (key === 'zone') {
      syncHostZone(this.paths.root, await readFile(join(this.paths.workspace, 'dns', 'shop.hosts'), 'utf8').catch(() => ''));
      return;
    }
    if (key === 'pg_hba.conf') {
      const pid = this.part('postgres').pid;
      this.journal.line('postgres', 'Reloading: pg_hba.conf changed.');
      if (pid) process.kill(pid, 'SIGHUP');
      return;
    }
    const app = key.slice(4) as AppName;
    await this.applyNetwork(m);
    const launch = await this.appLaunch(app);
    if (!launch) {
      await this.part(app).stop();
      this.journal.line(app, `Deployment ${app} scaled to 0 replicas; stopped.`);
      return;
    }
    this.journal.line(app, 'Restarting: its manifest, .env or start script changed.');
    await this.part(app).restart(launch);
  }

  private async saveStatus(): Promise<void> {
    this.status.updatedAt = new Date().toISOString();
    this.status.parts = {};
    for (const [unit, p] of this.parts) this.status.parts[unit] = { state: p.state, ...(p.pid ? { pid: p.pid } : {}), restarts: p.restarts, ...(p.lastExit ? { lastExit: p.lastExit } : {}) };
    await writeStatus(this.paths.status, this.status).catch(() => undefined);
  }

  private async shutdown(code: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.timer);
    if (this.status.phase !== 'failed') this.status.phase = 'stopping';
    await this.saveStatus();
    for (const unit of ['gateway', 'web-api', 'orders', 'inventory', 'redis', 'postgres']) await this.parts.get(unit)?.stop(8000);
    await this.proxies.close();
    this.dns.close();
    clearHostZone(this.paths.root);
    if (process.getuid?.() === 0) {
      try {
        execFileSync('umount', [this.paths.receipts], { stdio: 'ignore' });
      } catch {
        // not mounted
      }
    }
    this.journal.line('aoi-lab', 'Stopped every part.');
    await rm(this.paths.supervisorPid, { force: true });
    process.exit(code);
  }
}

function appendLine(file: string, line: string): void {
  void writeFile(file, `${line}\n`, { flag: 'a' });
}


const [root, base] = process.argv.slice(2);
if (!root || !base) {
  console.error('usage: supervisor.js ROOT BASE_PORT');
  process.exit(2);
}
void new Supervisor(root, Number(base)).run();
