/**
 * The user PostgreSQL runs as: PostgreSQL refuses to run as root, so a lab run by root runs it as Debian's
 * `postgres` user (created by the postgresql package); a lab run by anyone else runs it as that user.
 */
import { execFileSync } from 'node:child_process';

export function postgresUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid, name: 'postgres' };
  } catch {
    throw new Error('the lab runs as root, and PostgreSQL refuses to: the postgres user is missing (apt-get install -y postgresql creates it)');
  }
}
