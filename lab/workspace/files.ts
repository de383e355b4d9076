/**
 * The lab workspace's files as a person would find them in the shop's repository: the gateway's nginx.conf,
 * each service's .env and start script, redis.conf, postgresql.conf and pg_hba.conf, the DNS zone of the
 * Service names, and Kubernetes-style manifests describing the same topology (Deployments with their
 * command, ports, memory limit and volumes; Services with port and targetPort). The supervisor runs what
 * these files say, so editing one changes the live lab.
 */
import { join } from 'node:path';
import type { LabPaths } from '../paths';
import { APPS, serviceHost, type AppName, type ShopPorts } from '../shop';

/** Passwords of the lab's datastore users: fixed, the lab holds no real data. */
export const LAB_SECRETS = { ordersDb: 'orders-lab-pw', inventoryRedis: 'inventory-lab-pw', redisAdmin: 'redis-admin-lab-pw' } as const;

/** Healthy memory limit of each app, in MiB. */
export const MEMORY_MI: Record<AppName, number> = { 'web-api': 192, orders: 192, inventory: 256 };
/** Size of the orders receipts volume, in MiB. */
export const RECEIPTS_MI = 16;

/** Workspace-relative path -> content, for every file the lab writes at creation. */
export function workspaceFiles(paths: LabPaths, ports: ShopPorts, serviceBundle: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set('README.md', readme(ports));
  files.set('gateway/nginx.conf', nginxConf(paths, ports));
  files.set('redis/redis.conf', redisConf(paths, ports));
  files.set('postgres/postgresql.conf', postgresqlConf(paths, ports));
  files.set('postgres/pg_hba.conf', pgHba());
  files.set('dns/shop.hosts', zone());
  for (const app of APPS) {
    files.set(`services/${app}/.env`, appEnv(app, ports, paths));
    files.set(`services/${app}/server.js`, startScript(app, serviceBundle));
  }
  files.set('k8s/00-namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
  files.set('k8s/gateway.yaml', gatewayManifest(ports));
  for (const app of APPS) files.set(`k8s/${app}.yaml`, appManifest(app, ports));
  files.set('k8s/redis.yaml', datastoreManifest('redis', 'redis:7.0', ports.pod.redis, ports.service.redis, ['redis-server', '/etc/redis/redis.conf']));
  files.set('k8s/postgres.yaml', datastoreManifest('postgres', 'postgres:15', ports.pod.postgres, ports.service.postgres, ['postgres', '-c', 'config_file=/etc/postgresql/postgresql.conf']));
  return files;
}

function readme(p: ShopPorts): string {
  return `# Shop (AOI lab)

A small shop run as real processes on loopback, for diagnosing live faults with AOI.

| part | what | pod port | Service port |
| --- | --- | --- | --- |
| gateway | nginx, the entry point (\`gateway/nginx.conf\`) | ${p.gateway} | - |
| web-api | the public API behind the gateway (\`services/web-api\`) | ${p.pod['web-api']} | ${p.service['web-api']} |
| orders | order placement, PostgreSQL (\`services/orders\`) | ${p.pod.orders} | ${p.service.orders} |
| inventory | catalogue and stock over HTTPS, Redis (\`services/inventory\`) | ${p.pod.inventory} | ${p.service.inventory} |
| redis | stock counts (\`redis/redis.conf\`) | ${p.pod.redis} | ${p.service.redis} |
| postgres | orders database (\`postgres/\`) | ${p.pod.postgres} | ${p.service.postgres} |
| lab-dns | resolves \`*.shop.svc\` from \`dns/shop.hosts\` (UDP) | ${p.dns} | - |

Services call each other by Service name (\`orders.shop.svc\`); the lab network forwards each Service port to its
pods' port as \`k8s/*.yaml\` say, and applies the NetworkChaos objects found there. The supervisor restarts a
service when its files change and keeps its own journal in \`logs/supervisor.log\`.
`;
}

function nginxConf(paths: LabPaths, p: ShopPorts): string {
  const t = paths.nginxTemp;
  return `# The shop's gateway: the public entry point, proxying the API to web-api's Service.
worker_processes 1;
pid ${join(paths.state, 'nginx.pid')};
error_log ${join(paths.logs, 'gateway', 'error.log')} warn;

events {
    worker_connections 512;
}

http {
    access_log ${join(paths.logs, 'gateway', 'access.log')};
    client_body_temp_path ${t}/client_body;
    proxy_temp_path ${t}/proxy;
    fastcgi_temp_path ${t}/fastcgi;
    uwsgi_temp_path ${t}/uwsgi;
    scgi_temp_path ${t}/scgi;

    upstream web_api {
        server 127.0.0.1:${p.service['web-api']};
        keepalive 16;
    }

    server {
        listen 127.0.0.1:${p.gateway};
        server_name shop.local;

        location /api/ {
            proxy_pass http://web_api;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_connect_timeout 2s;
            proxy_read_timeout 5s;
        }

        location = /healthz {
            return 200 "ok\\n";
        }
    }
}
`;
}

function redisConf(paths: LabPaths, p: ShopPorts): string {
  return `# Stock counts for inventory.
bind 127.0.0.1
port ${p.pod.redis}
protected-mode yes
daemonize no
dir ${paths.redisDir}
logfile ${join(paths.logs, 'redis.log')}
save ""
appendonly no
maxmemory 64mb
maxclients 200

# Users: inventory reads and writes stock:* keys only.
user default off
user admin on >${LAB_SECRETS.redisAdmin} ~* &* +@all
user inventory on >${LAB_SECRETS.inventoryRedis} ~stock:* ~product:* +@read +@write +@connection -@dangerous
`;
}

function postgresqlConf(paths: LabPaths, p: ShopPorts): string {
  return `# The orders database.
data_directory = '${paths.pgdata}'
hba_file = '${join(paths.workspace, 'postgres', 'pg_hba.conf')}'
ident_file = '${join(paths.pgdata, 'pg_ident.conf')}'
listen_addresses = '127.0.0.1'
port = ${p.pod.postgres}
unix_socket_directories = '${paths.pgsocket}'
max_connections = 40
superuser_reserved_connections = 3
shared_buffers = 32MB
logging_collector = off
log_destination = 'stderr'
log_line_prefix = '%m [%p] %q%u@%d '
log_connections = off
log_min_messages = warning
`;
}

function pgHba(): string {
  return `# TYPE  DATABASE  USER    ADDRESS        METHOD
local   all       all                    trust
host    shop      orders  127.0.0.1/32   scram-sha-256
host    all       lab     127.0.0.1/32   trust
`;
}

function zone(): string {
  const names = ['web-api', 'orders', 'inventory', 'redis', 'postgres'];
  return `# A records of the shop's Service names, served by lab-dns.\n${names.map((n) => `127.0.0.1 ${serviceHost(n)}`).join('\n')}\n`;
}

function appEnv(app: AppName, p: ShopPorts, paths: LabPaths): string {
  const common = `PORT=${p.pod[app]}\nLOG_LEVEL=info\nDNS_SERVER=127.0.0.1:${p.dns}\n`;
  if (app === 'web-api') {
    return `${common}ORDERS_URL=http://${serviceHost('orders')}:${p.service.orders}\nINVENTORY_URL=https://${serviceHost('inventory')}:${p.service.inventory}\nINVENTORY_CA_FILE=certs/ca.crt\nUPSTREAM_TIMEOUT_MS=1500\n`;
  }
  if (app === 'orders') {
    return `${common}DATABASE_URL=postgres://orders:${LAB_SECRETS.ordersDb}@${serviceHost('postgres')}:${p.service.postgres}/shop\nDB_POOL_MAX=8\nDB_POOL_TIMEOUT_MS=2000\nRECEIPTS_DIR=${paths.receipts}\nFEATURE_BUNDLE_PRICING=false\n`;
  }
  return `${common}REDIS_URL=redis://inventory:${LAB_SECRETS.inventoryRedis}@${serviceHost('redis')}:${p.service.redis}/0\nTLS_CERT_FILE=certs/inventory.crt\nTLS_KEY_FILE=certs/inventory.key\nCACHE_WARM_MB=40\n`;
}

function startScript(app: AppName, bundle: string): string {
  return `// Starts ${app}: the shop's services are built into one bundle; this names which one runs.\nrequire(${JSON.stringify(bundle)}).run(${JSON.stringify(app)});\n`;
}

function gatewayManifest(p: ShopPorts): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: gateway
  namespace: shop
  labels:
    app: gateway
spec:
  replicas: 1
  selector:
    matchLabels:
      app: gateway
  template:
    metadata:
      labels:
        app: gateway
    spec:
      containers:
        - name: nginx
          image: nginx:1.22
          ports:
            - containerPort: ${p.gateway}
`;
}

function appManifest(app: AppName, p: ShopPorts): string {
  const volume = app === 'orders';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: shop
  labels:
    app: ${app}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
        - name: ${app}
          image: shop/${app}:1.4.2
          command: ["node", "services/${app}/server.js"]
          ports:
            - containerPort: ${p.pod[app]}
          envFrom:
            - configMapRef:
                name: ${app}-env
          resources:
            limits:
              memory: ${MEMORY_MI[app]}Mi
${volume ? `          volumeMounts:
            - name: receipts
              mountPath: /var/lib/orders/receipts
      volumes:
        - name: receipts
          persistentVolumeClaim:
            claimName: orders-receipts
` : ''}---
apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: shop
spec:
  selector:
    app: ${app}
  ports:
    - port: ${p.service[app]}
      targetPort: ${p.pod[app]}
${volume ? `---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: orders-receipts
  namespace: shop
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: ${RECEIPTS_MI}Mi
` : ''}`;
}

function datastoreManifest(name: string, image: string, pod: number, service: number, command: string[]): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels:
    app: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          command: ${JSON.stringify(command)}
          ports:
            - containerPort: ${pod}
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    app: ${name}
  ports:
    - port: ${service}
      targetPort: ${pod}
`;
}
