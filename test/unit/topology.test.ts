import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Topology } from '../../server/analyzers/topology';
import { emptyFacts, type ComponentDecl } from '../../server/ingest/config/facts';
import { diagnose } from '../../server/diagnose';
import { makeTree } from '../helpers/tree';

const ev = { file: 'x', line: 1, text: '' };
const decl = (name: string, aliases: string[] = []): ComponentDecl => ({ name, aliases, origin: 'compose', evidence: ev });

test('names resolve: exact, DNS forms, pod names, Compose container names; DNS names never by suffix', () => {
  const facts = emptyFacts();
  facts.components.push(decl('db'), decl('push-gateway'), decl('api'), decl('helpdesk'));
  const t = new Topology(facts);
  assert.equal(t.resolve('db')?.component, 'db', 'two-letter names resolve');
  assert.equal(t.resolve('db.shop.svc.cluster.local')?.component, 'db');
  assert.equal(t.resolve('push-stack-push-gateway-1')?.component, 'push-gateway', 'project-service-replica');
  assert.equal(t.resolve('push-stack-push-gateway')?.component, 'push-gateway', 'two-word service without a replica number');
  assert.equal(t.resolve('shop-api-2')?.component, 'api', 'one-word service behind a replica number');
  assert.equal(t.resolve('orders-api'), undefined, 'a one-word suffix without a replica number is another name');
  assert.equal(t.resolve('pg-helpdesk.db.corp.example.net'), undefined, 'DNS names are not matched by suffix');
});

test('log-only components become names of the component they designate', () => {
  const facts = emptyFacts();
  facts.components.push(decl('push-gateway'));
  const t = new Topology(facts, [], [{ name: 'push-stack-push-gateway', aliases: [], origin: 'log', evidence: ev }, { name: 'postgresql', aliases: ['pg-01'], origin: 'log', evidence: ev }]);
  assert.deepEqual([...t.components].sort(), ['postgresql', 'push-gateway']);
  assert.equal(t.resolve('pg-01.prod.internal')?.component, 'postgresql', 'a host folder names its main component');
});

test('a Traefik port label on a service that listens elsewhere: port_misconfig of that service, the label is the cause', async () => {
  const d = await diagnose(makeTree({
    'docker-compose.yml': `services:
  traefik:
    image: traefik:v3.1
  portal:
    image: acme/portal:2
    command: ["portal", "--listen", "0.0.0.0:8080"]
    labels:
      - "traefik.http.routers.portal.rule=Host(\`portal.example.com\`)"
      - "traefik.http.services.portal.loadbalancer.server.port=80"
`,
  }));
  const h = d.hypotheses[0]!;
  assert.equal(h.fault, 'port_misconfig');
  assert.equal(h.component, 'portal');
  assert.equal(h.evidence.find((e) => e.role === 'cause')?.line, 9);
});
