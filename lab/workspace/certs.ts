/**
 * The lab's certificates, made with openssl: a CA, and for inventory's HTTPS a key and a certificate for its
 * Service name signed by that CA with the validity asked for (a past window gives an expired certificate).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** openssl's `ca` date form: YYYYMMDDHHMMSSZ. */
function caDate(d: Date): string {
  return `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (err) {
    const e = err as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('openssl is not installed (apt-get install -y openssl)');
    throw new Error(`openssl ${args[0]} failed: ${(e.stderr ?? String(err)).trim().split('\n').pop()}`);
  }
}

/** PEM texts of a new CA. */
export async function makeCa(): Promise<{ cert: string; key: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'aoi-lab-ca-'));
  try {
    await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/O=AOI lab/CN=AOI lab CA'], dir);
    return { cert: await readFile(join(dir, 'ca.crt'), 'utf8'), key: await readFile(join(dir, 'ca.key'), 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A key (new unless given) and a certificate for `host`, signed by `ca`, valid from `from` to `to`. */
export async function makeServerCert(ca: { cert: string; key: string }, host: string, from: Date, to: Date, key?: string): Promise<{ cert: string; key: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'aoi-lab-cert-'));
  try {
    await writeFile(join(dir, 'ca.crt'), ca.cert);
    await writeFile(join(dir, 'ca.key'), ca.key, { mode: 0o600 });
    await writeFile(join(dir, 'index.txt'), '');
    await writeFile(join(dir, 'serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
    await writeFile(join(dir, 'ca.cnf'), `[ ca ]\ndefault_ca = lab\n[ lab ]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = any\ncopy_extensions = copy\nunique_subject = no\n[ any ]\ncommonName = supplied\n`);
    if (key) await writeFile(join(dir, 'server.key'), key, { mode: 0o600 });
    else await openssl(['genrsa', '-out', 'server.key', '2048'], dir);
    await openssl(['req', '-new', '-key', 'server.key', '-out', 'server.csr', '-subj', `/O=AOI lab/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`], dir);
    await openssl(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'server.csr', '-out', 'server.crt', '-notext', '-startdate', caDate(from), '-enddate', caDate(to)], dir);
    return { cert: await readFile(join(dir, 'server.crt'), 'utf8'), key: await readFile(join(dir, 'server.key'), 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
