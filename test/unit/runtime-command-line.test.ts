import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrompt } from '../../server/ingest/runtime/command-line';

const cmd = (line: string) => {
  const c = parsePrompt(line, 1);
  return c && { tool: c.tool, verb: c.verb, resources: c.resources, names: c.names, namespace: c.namespace, all: c.allNamespaces };
};

test('prompt forms: $, user@host:path$, root@host:~#, [root@host ~]#, host$, # and > before a known tool', () => {
  assert.deepEqual(cmd('$ kubectl get pods -n shop -o wide'), { tool: 'kubectl', verb: 'get', resources: ['pod'], names: [], namespace: 'shop', all: false });
  assert.deepEqual(cmd('user@bastion:~/incident$ kubectl --namespace=shop describe deploy/cart'), { tool: 'kubectl', verb: 'describe', resources: ['deployment'], names: ['cart'], namespace: 'shop', all: false });
  assert.equal(cmd('root@pg-orders-01:~# df -h')!.tool, 'df');
  assert.equal(cmd('[root@db-01 ~]# free -m')!.tool, 'free');
  assert.deepEqual(cmd('billing-01$ getent hosts ledger.internal')!.tool, 'other');
  assert.deepEqual(cmd('# kubectl describe pod cart-5d8f7b9c6-k4v9z')!.names, ['cart-5d8f7b9c6-k4v9z']);
  assert.deepEqual(cmd('> systemctl status nginx')!.names, ['nginx']);
  assert.equal(cmd('$ sudo ss -ltnp')!.tool, 'ss');
  assert.deepEqual(cmd('kubectl get svc,endpoints -A'), { tool: 'kubectl', verb: 'get', resources: ['service', 'endpoints'], names: [], namespace: undefined, all: true });
  assert.equal(cmd('$ docker compose ps')!.tool, 'compose');
  assert.equal(cmd('$ systemctl status billing.service --no-pager | head -5')!.verb, 'status');
  assert.equal(parsePrompt('$ kubectl rollout status deployment/cart -n shop', 1)!.flags.has('rollout=status'), true);
});

test('lines that are not prompts', () => {
  for (const line of ['# m h  dom mon dow   command', '> quoted text', '95% done', 'NAME   READY   STATUS', 'Name:  cart', '  Warning  BackOff  2m  kubelet  Back-off', 'free of charge']) {
    assert.equal(parsePrompt(line, 1), undefined, line);
  }
});
