/**
 * The lab's fault library: every taxonomy label but scheduling and image pulls (which need Kubernetes), and a
 * no-fault control. Each fault changes the live shop the way the incident it names happens in production:
 * a config edit rolled out, a datastore changed, a volume filled, a chaos experiment applied.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { serviceHost } from '../shop';
import { makeServerCert } from '../workspace/certs';
import { replaceOnce, type Fault } from './fault';

export const FAULTS: readonly Fault[] = [
  {
    id: 'gateway-upstream-port',
    summary: "the gateway's upstream for web-api points at a port nothing listens on",
    truth: { label: 'port_misconfig', component: 'gateway', components: ['nginx'], fix: (p) => ({ file: 'gateway/nginx.conf', added: new RegExp(`server\\s+127\\.0\\.0\\.1:${p.service['web-api']}\\b`) }) },
    async inject(ctx) {
      const p = ctx.lab.ports;
      await ctx.edit('gateway/nginx.conf', (t) => replaceOnce(t, `server 127.0.0.1:${p.service['web-api']};`, `server 127.0.0.1:${p.service['web-api'] + 70};`, 'nginx upstream'));
    },
  },
  {
    id: 'web-api-orders-port',
    summary: "web-api's ORDERS_URL names a port the orders Service does not serve",
    truth: { label: 'port_misconfig', component: 'web-api', fix: (p) => ({ file: 'services/web-api/.env', added: new RegExp(`^ORDERS_URL=.*:${p.service.orders}\\b`) }) },
    async inject(ctx) {
      const p = ctx.lab.ports;
      await ctx.edit('services/web-api/.env', (t) => replaceOnce(t, `${serviceHost('orders')}:${p.service.orders}`, `${serviceHost('orders')}:${p.service.orders + 80}`, 'ORDERS_URL'));
    },
  },
  {
    id: 'orders-service-targetport',
    summary: "the orders Service forwards to a target port its pods do not listen on",
    truth: { label: 'port_misconfig', component: 'orders', fix: (p) => ({ file: 'k8s/orders.yaml', added: new RegExp(`targetPort:\\s*${p.pod.orders}\\b`) }) },
    async inject(ctx) {
      const p = ctx.lab.ports;
      await ctx.edit('k8s/orders.yaml', (t) => replaceOnce(t, `targetPort: ${p.pod.orders}`, `targetPort: ${p.pod.orders + 90}`, 'orders targetPort'));
    },
  },
  {
    id: 'orders-database-name',
    summary: "orders' DATABASE_URL names a database that does not exist",
    truth: { label: 'app_misconfig', component: 'orders', fix: { file: 'services/orders/.env', added: /^DATABASE_URL=.*\/shop$/ } },
    async inject(ctx) {
      await ctx.edit('services/orders/.env', (t) => replaceOnce(t, /(DATABASE_URL=.*)\/shop$/m, '$1/shop_orders', 'DATABASE_URL database'));
    },
  },
  {
    id: 'redis-inventory-user-disabled',
    summary: "Redis's ACL user for inventory was switched off (access revoked)",
    truth: { label: 'auth_failure', component: 'redis', components: ['inventory'], fix: { file: 'redis/redis.conf', added: /^user inventory on\b/ } },
    async inject(ctx) {
      await ctx.edit('redis/redis.conf', (t) => replaceOnce(t, 'user inventory on ', 'user inventory off ', 'inventory ACL user'));
    },
  },
  {
    id: 'orders-db-user-missing',
    summary: 'orders logs in to PostgreSQL as a user that is not registered there',
    truth: { label: 'auth_failure', component: 'orders', components: ['postgres'], fix: { file: 'services/orders/.env', added: /^DATABASE_URL=postgres:\/\/orders:/ } },
    async inject(ctx) {
      await ctx.edit('services/orders/.env', (t) => replaceOnce(t, 'postgres://orders:', 'postgres://orders_svc:', 'DATABASE_URL user'));
    },
  },
  {
    id: 'orders-scaled-to-zero',
    summary: 'the orders Deployment was scaled to zero replicas',
    truth: { label: 'service_down', component: 'orders', fix: { file: 'k8s/orders.yaml', added: /^\s*replicas:\s*[1-9]/ } },
    async inject(ctx) {
      await ctx.edit('k8s/orders.yaml', (t) => replaceOnce(t, /replicas: 1\n/, 'replicas: 0\n', 'orders replicas'));
    },
  },
  {
    id: 'inventory-start-script-missing',
    summary: "inventory's command runs a start script that does not exist, so it exits at every start",
    truth: { label: 'crash_loop', component: 'inventory', fix: { file: 'k8s/inventory.yaml', added: /services\/inventory\/server\.js/ } },
    async inject(ctx) {
      await ctx.edit('k8s/inventory.yaml', (t) => replaceOnce(t, '"services/inventory/server.js"', '"services/inventory/main.js"', 'inventory command'));
    },
  },
  {
    id: 'inventory-memory-limit',
    summary: "inventory's memory limit is below what its catalogue cache needs",
    truth: { label: 'oom', component: 'inventory', fix: { file: 'k8s/inventory.yaml', added: /memory:\s*["']?(9[6-9]|[1-9]\d{2,})Mi|memory:\s*["']?\d+(\.\d+)?Gi/ } },
    async inject(ctx) {
      await ctx.edit('k8s/inventory.yaml', (t) => replaceOnce(t, /memory: \d+Mi/, 'memory: 48Mi', 'inventory memory limit'));
    },
  },
  {
    id: 'orders-receipts-volume-full',
    summary: "the orders receipts volume is full (an export left in it)",
    needsRoot: true,
    truth: { label: 'disk_full', component: 'orders', components: ['orders-receipts'], fix: { file: 'k8s/orders.yaml', added: /storage:\s*["']?(3[2-9]|[4-9]\d|[1-9]\d{2,})Mi|storage:\s*["']?\d+(\.\d+)?Gi/ } },
    async inject(ctx) {
      await fill(join(ctx.lab.paths.receipts, 'export-2026-12.ndjson'));
    },
    async recover(ctx) {
      await rm(join(ctx.lab.paths.receipts, 'export-2026-12.ndjson'), { force: true });
    },
  },
  {
    id: 'inventory-network-delay',
    summary: 'a NetworkChaos experiment delays traffic to inventory past its callers\' timeout',
    truth: { label: 'network_delay', component: 'inventory', fix: { file: 'k8s/chaos/inventory-latency.yaml', removed: /action:\s*delay/ } },
    async inject(ctx) {
      await ctx.create('k8s/chaos/inventory-latency.yaml', chaos('inventory-latency', 'inventory', 'delay', '  delay:\n    latency: "2500ms"\n    jitter: "200ms"\n'));
    },
  },
  {
    id: 'orders-network-loss',
    summary: 'a NetworkChaos experiment drops connections to orders',
    truth: { label: 'network_loss', component: 'orders', fix: { file: 'k8s/chaos/orders-loss.yaml', removed: /action:\s*loss/ } },
    async inject(ctx) {
      await ctx.create('k8s/chaos/orders-loss.yaml', chaos('orders-loss', 'orders', 'loss', '  loss:\n    loss: "60"\n    correlation: "25"\n'));
    },
  },
  {
    id: 'inventory-dns-record-missing',
    summary: "the DNS record of inventory's Service name was deleted",
    truth: { label: 'dns_failure', component: 'lab-dns', components: ['inventory', 'dns'], fix: { file: 'dns/shop.hosts', added: /inventory\.shop\.svc/ } },
    async inject(ctx) {
      await ctx.edit('dns/shop.hosts', (t) => replaceOnce(t, /^.*\binventory\.shop\.svc\n/m, '', 'inventory A record'));
    },
  },
  {
    id: 'inventory-certificate-expired',
    summary: 'inventory serves a certificate that has expired',
    truth: { label: 'tls_failure', component: 'inventory', fix: { file: 'services/inventory/.env', added: /^TLS_CERT_FILE=certs\/inventory\.crt$/ } },
    async inject(ctx) {
      const ws = ctx.lab.paths.workspace;
      const ca = { cert: await readFile(join(ws, 'certs', 'ca.crt'), 'utf8'), key: await readFile(join(ctx.lab.paths.state, 'ca.key'), 'utf8') };
      const key = await readFile(join(ws, 'certs', 'inventory.key'), 'utf8');
      const now = Date.now();
      const day = 86400000;
      const old = await makeServerCert(ca, serviceHost('inventory'), new Date(now - 400 * day), new Date(now - 35 * day), key);
      await ctx.create('certs/inventory-2025.crt', old.cert);
      await ctx.edit('services/inventory/.env', (t) => replaceOnce(t, 'TLS_CERT_FILE=certs/inventory.crt', 'TLS_CERT_FILE=certs/inventory-2025.crt', 'TLS_CERT_FILE'));
    },
  },
  {
    id: 'postgres-max-connections',
    summary: "PostgreSQL's max_connections leaves fewer slots than orders' pool opens",
    truth: { label: 'resource_exhaustion', component: 'postgres', components: ['orders'], fix: { file: 'postgres/postgresql.conf', added: /^\s*max_connections\s*=\s*([1-9]\d+)\b/ } },
    async inject(ctx) {
      await ctx.edit('postgres/postgresql.conf', (t) => replaceOnce(t, /^max_connections = \d+$/m, 'max_connections = 5', 'max_connections'));
    },
  },
  {
    id: 'orders-bundle-pricing-defect',
    summary: 'a feature flag turns on an orders code path that throws on most products',
    truth: { label: 'code_defect', component: 'orders', fix: { file: 'services/orders/.env', added: /^FEATURE_BUNDLE_PRICING=(false|0|off)$/ } },
    async inject(ctx) {
      await ctx.edit('services/orders/.env', (t) => replaceOnce(t, 'FEATURE_BUNDLE_PRICING=false', 'FEATURE_BUNDLE_PRICING=true', 'FEATURE_BUNDLE_PRICING'));
    },
  },
  {
    id: 'no-fault',
    summary: 'nothing is wrong (the control)',
    truth: { label: 'none', component: '' },
    async inject() {
      // The control changes nothing.
    },
  },
];

export function faultById(id: string): Fault | undefined {
  return FAULTS.find((f) => f.id === id);
}

function chaos(name: string, app: string, action: string, spec: string): string {
  return `apiVersion: chaos-mesh.org/v1alpha1\nkind: NetworkChaos\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  action: ${action}\n  mode: all\n  selector:\n    namespaces: ["shop"]\n    labelSelectors:\n      app: ${app}\n${spec}  duration: "1h"\n`;
}

/** Writes `file` until its filesystem is full (ENOSPC ends it). */
async function fill(file: string): Promise<void> {
  const h = await open(file, 'w');
  const chunk = Buffer.alloc(256 * 1024, '{"event":"export"}\n');
  try {
    for (;;) await h.write(chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    await h.close();
  }
}
