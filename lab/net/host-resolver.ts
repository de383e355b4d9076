/**
 * The lab zone as the host sees it: a marked block in /etc/hosts that mirrors dns/shop.hosts, so the host's own
 * resolver (and so every live probe: getent, curl) agrees with what lab-dns tells the pods, as split DNS for a
 * cluster domain does. Written in place (the file may be a bind mount), only as root; removed at shutdown.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const HOSTS = '/etc/hosts';

/** The block's markers: one block per lab (its root), so two labs on one host keep their own. */
function markers(root: string): { begin: string; end: string } {
  return { begin: `# BEGIN aoi-lab zone of ${root} (removed by aoi lab down)`, end: `# END aoi-lab zone of ${root}` };
}

function without(text: string, root: string): string {
  const { begin, end } = markers(root);
  const at = text.indexOf(begin);
  const stop = at < 0 ? -1 : text.indexOf(end, at);
  if (at < 0 || stop < 0) return text;
  return `${text.slice(0, at).replace(/\n+$/, '\n')}${text.slice(stop + end.length).replace(/^\n+/, '')}`;
}

/** Mirrors the zone's records into /etc/hosts for the lab at `root`; a no-op unless root. False when it could not. */
export function syncHostZone(root: string, zoneText: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    const records = zoneText.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => /^\S+\s+\S+/.test(l));
    const current = readFileSync(HOSTS, 'utf8');
    const { begin, end } = markers(root);
    const rest = without(current, root);
    const next = `${rest}${rest.endsWith('\n') || rest === '' ? '' : '\n'}${begin}\n${records.join('\n')}\n${end}\n`;
    if (next !== current) writeFileSync(HOSTS, next);
    return true;
  } catch {
    return false;
  }
}

/** Removes the block of the lab at `root` from /etc/hosts. */
export function clearHostZone(root: string): void {
  if (process.getuid?.() !== 0) return;
  try {
    const current = readFileSync(HOSTS, 'utf8');
    const next = without(current, root);
    if (next !== current) writeFileSync(HOSTS, next);
  } catch {
    // nothing to clear
  }
}
