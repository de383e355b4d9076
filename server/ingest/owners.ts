/**
 * Which component a file belongs to when its content does not say: a Compose mount or env_file first,
 * then the nearest folder or file name that is not a generic one ("logs", "config", "k8s", ...).
 */

const GENERIC = new Set(
  (
    'logs log var config configs conf etc settings k8s kubernetes manifests manifest deploy deployment deployments helm ' +
    'charts chart templates app apps src data output outputs kubectl dumps dump probes incident bundle env error errors ' +
    'access main application service services server default prod production staging local journal journald syslog ' +
    'messages stdout stderr current out tmp docker-compose compose values containers pods events describe get top ' +
    'config.d conf.d sites-enabled sites-available base overlays install kubectl checks diag status ' +
    'var www lib opt srv home usr run storage kube-system kube-public default-ns monitoring istio-system ingress-nginx'
  ).split(' '),
);

/** Removes a Kubernetes pod or ReplicaSet hash suffix: `frontend-7d9f8b6c5-x2k4p` -> `frontend`. */
export function stripPodSuffix(name: string): string {
  const hashed = (m: string): string => (/\d/.test(m) ? '' : m);
  // A ReplicaSet hash (with a digit) then a pod suffix, which has no digit about one time in five.
  const pod = /^(.+)-([a-z0-9]{8,10})-[a-z0-9]{5}$/.exec(name);
  if (pod && /\d/.test(pod[2]!)) return pod[1]!;
  return name
    .replace(/-[a-z0-9]{5}$/, hashed)
    .replace(/-[a-z0-9]{8,10}$/, hashed)
    .replace(/-(0|[1-9]\d*)$/, ''); // a StatefulSet ordinal; zero-padded numbers (web-01) name hosts
}

/** A host's name: numbered with zero padding (`web-01`, `pg-orders-02`), as fleets name machines. */
export function isHostName(name: string): boolean {
  return /[a-z]-0\d+$|[a-z]0\d$/.test(name);
}

/**
 * The component a file belongs to, or undefined. `mounts` maps folder-relative paths (files or folders)
 * to the Compose service that mounts or loads them; `known` holds the component names that manifests
 * declared, which win even when they are generic words ("app", "web").
 */
export function ownerOfFile(rel: string, mounts: ReadonlyMap<string, string>, known: ReadonlySet<string> = new Set()): string | undefined {
  const parts = rel.split('/');
  for (let i = parts.length; i > 0; i--) {
    const owner = mounts.get(parts.slice(0, i).join('/'));
    if (owner) return owner;
  }
  const dirs = parts.slice(0, -1).reverse().map((d) => d.toLowerCase());
  const stem = fileStem(parts.at(-1)!);
  for (const name of [...dirs, stem, stripPodSuffix(stem)]) if (known.has(name)) return name;
  const cleaned = stripPodSuffix(
    stem
      .replace(/[._-](access|error|stdout|stderr|app|service|server|prod|dev|config|journal|previous|current)$/, '')
      .replace(/^([a-z][a-z-]{2,}?)-(?!0\d)\d+(\.\d+)*(-[a-z]+)?$/, '$1'), // postgresql-16-main -> postgresql
  );
  const stemOwner = cleaned && !GENERIC.has(cleaned) && !/^\d+$/.test(cleaned) && !isHostName(cleaned) ? cleaned : undefined;
  // A file named after a pod (`events-kafka-1.log`, `cart-7d9f8b6c5-x2k4p.log`) names its writer better
  // than the folder it was saved in (often a namespace).
  if (stemOwner && stripPodSuffix(stem) !== stem) return stemOwner;
  let host: string | undefined;
  for (const name of dirs) {
    if (GENERIC.has(name) || name.startsWith('.') || /^[\d.]+$/.test(name)) continue;
    // A host folder (web-01/log/orders-api.log) holds the logs of several services: the file names them.
    if (isHostName(name)) {
      host ??= name;
      continue;
    }
    return stripPodSuffix(name.replace(/\.(service|socket|timer)(\.d)?$/, ''));
  }
  return stemOwner ?? host ?? (cleaned && !GENERIC.has(cleaned) && !/^\d+$/.test(cleaned) ? cleaned : undefined);
}

/** A file name without leading dots, extensions and log suffixes: `orders.log.1` -> `orders`. */
function fileStem(name: string): string {
  const base = name.toLowerCase().replace(/^\.+/, '');
  return base.replace(/(\.[a-z0-9]+)+$/i, '').replace(/[._](log|logs|out|err|current)$/, '');
}

/**
 * The component a saved command output is about, from the prompt line the engineer pasted above it:
 * `$ kubectl logs cart-7d9f-x2k4p --previous`, `$ journalctl -u orders.service`, `$ docker logs api`,
 * `$ docker compose logs worker`. Undefined when the line is no such prompt.
 */
export function promptOwner(line: string): string | undefined {
  const m = /^\s*(?:\S*[$#>%]\s+)?(?:sudo\s+)?(kubectl|journalctl|docker(?:-compose)?|podman|stern)\b(.*)$/.exec(line);
  if (!m) return undefined;
  const words = m[2]!.trim().split(/\s+/);
  const valueFlags = new Set(['-n', '--namespace', '-c', '--container', '--tail', '--since', '--context', '-o', '--output', '-f', '--file', '-p', '--project-name', '--since-time', '-l', '--selector']);
  const positional: string[] = [];
  let unit: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-u' || w === '--unit') unit = words[++i];
    else if (w.startsWith('--unit=')) unit = w.slice(7);
    else if (valueFlags.has(w)) i++;
    else if (!w.startsWith('-')) positional.push(w);
  }
  let name: string | undefined;
  if (m[1] === 'journalctl') name = unit;
  else if (m[1] === 'stern') name = positional[0];
  else {
    const at = positional.indexOf('logs');
    name = at >= 0 ? positional[at + 1] : undefined;
  }
  if (!name) return undefined;
  const bare = name.replace(/^(pod|pods|deploy|deployment|deployments|sts|statefulset|ds|daemonset|job)\//, '').replace(/\.service$/, '').replace(/['"]/g, '');
  return /^[\w.-]+$/.test(bare) ? stripPodSuffix(bare.toLowerCase()) : undefined;
}
