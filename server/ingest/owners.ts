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
    'config.d conf.d sites-enabled sites-available base overlays install'
  ).split(' '),
);

/** Removes a Kubernetes pod or ReplicaSet hash suffix: `frontend-7d9f8b6c5-x2k4p` -> `frontend`. */
export function stripPodSuffix(name: string): string {
  const hashed = (m: string): string => (/\d/.test(m) ? '' : m);
  return name
    .replace(/-[a-z0-9]{5}$/, hashed)
    .replace(/-[a-z0-9]{8,10}$/, hashed)
    .replace(/-\d+$/, '');
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
  for (const name of dirs) if (!GENERIC.has(name) && !name.startsWith('.')) return stripPodSuffix(name);
  const cleaned = stripPodSuffix(stem.replace(/[._-](access|error|stdout|stderr|app|service|server|prod|dev|config)$/, ''));
  return cleaned && !GENERIC.has(cleaned) && !/^\d+$/.test(cleaned) ? cleaned : undefined;
}

/** A file name without leading dots, extensions and log suffixes: `orders.log.1` -> `orders`. */
function fileStem(name: string): string {
  const base = name.toLowerCase().replace(/^\.+/, '');
  return base.replace(/(\.[a-z0-9]+)+$/i, '').replace(/[._](log|logs|out|err|current)$/, '');
}
