import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dockerfileFacts } from '../../server/ingest/config/dockerfile';
import { SourceText } from '../../server/ingest/config/source-text';

const MULTI_STAGE = `# syntax=docker/dockerfile:1
ARG PY=3.12
FROM python:\${PY}-slim AS build
ENV BUILD_ONLY=1
RUN pip install --prefix=/install -r requirements.txt \\
    && echo done
EXPOSE 9999

FROM gcr.io/distroless/python3 AS runtime
ARG APP_PORT=8000
ENV PORT=\${APP_PORT} \\
    LOG_LEVEL="debug info" \\
    DATABASE_URL=postgres://db:5432/orders
ENV LEGACY_KEY some value with spaces
EXPOSE \${APP_PORT}/tcp 9090
HEALTHCHECK --interval=30s --timeout=3s \\
  CMD curl -f http://localhost:8000/health || exit 1
ENTRYPOINT ["python", "-m", "gunicorn"]
CMD ["--bind", "0.0.0.0:8000", "app:app"]
`;

test('the last stage is the runtime: its image, ENV settings, EXPOSE listeners, command and health check', () => {
  const facts = dockerfileFacts(new SourceText('orders/Dockerfile', MULTI_STAGE), 'orders');
  assert.deepEqual(
    facts.settings.map((s) => [s.owner, s.key, s.value, s.evidence.line, s.evidence.column]),
    [
      ['orders', 'PORT', '8000', 11, 10],
      ['orders', 'LOG_LEVEL', 'debug info', 12, 15],
      ['orders', 'DATABASE_URL', 'postgres://db:5432/orders', 13, 18],
      ['orders', 'LEGACY_KEY', 'some value with spaces', 14, 16],
    ],
  );
  assert.deepEqual(facts.listeners.map((l) => [l.component, l.port, l.source, l.evidence.line, l.evidence.column]), [
    ['orders', 8000, 'dockerfile-expose', 15, 8],
    ['orders', 9090, 'dockerfile-expose', 15, 24],
    ['orders', 8000, 'command', 18, 12],
    ['orders', 8000, 'healthcheck', 17, 7],
  ]);
  const wl = facts.workloads[0]!;
  assert.deepEqual([wl.kind, wl.name, wl.namespace, wl.evidence.line], ['Dockerfile', 'orders', '', 9]);
  const c = wl.containers[0]!;
  assert.deepEqual([c.name, c.image, c.imageEvidence?.line, c.imageEvidence?.column], ['orders', 'gcr.io/distroless/python3', 9, 6]);
  assert.deepEqual(c.ports.map((p) => p.port), [8000, 9090]);
  assert.deepEqual(c.command, ['python', '-m', 'gunicorn', '--bind', '0.0.0.0:8000', 'app:app']);
  assert.equal(c.commandEvidence?.line, 18);
  assert.deepEqual(c.healthcheck?.command, ['/bin/sh', '-c', 'curl -f http://localhost:8000/health || exit 1']);
  assert.equal(c.healthcheck?.evidence.line, 17);
});

test('a stage built FROM an earlier stage inherits its image, ENV, EXPOSE and CMD; shell form runs through /bin/sh', () => {
  const text = `FROM node:20 AS base
ENV NODE_ENV=production
EXPOSE 3000
CMD node server.js

FROM base
ENV EXTRA=1
`;
  const facts = dockerfileFacts(new SourceText('Dockerfile', text), 'web');
  assert.deepEqual(facts.settings.map((s) => [s.key, s.value]), [['NODE_ENV', 'production'], ['EXTRA', '1']]);
  const c = facts.workloads[0]!.containers[0]!;
  assert.deepEqual([c.image, c.imageEvidence?.line], ['node:20', 1]);
  assert.deepEqual(c.ports.map((p) => p.port), [3000]);
  assert.deepEqual(c.command, ['/bin/sh', '-c', 'node server.js']);
});

test('a shell-form ENTRYPOINT ignores CMD; an ENTRYPOINT resets an inherited CMD; HEALTHCHECK NONE removes it', () => {
  const text = `FROM alpine AS a
CMD ["inherited"]
HEALTHCHECK CMD true
FROM a
ENTRYPOINT exec /app --port 7000
CMD ["ignored"]
HEALTHCHECK NONE
`;
  const facts = dockerfileFacts(new SourceText('Dockerfile', text), 'app');
  const c = facts.workloads[0]!.containers[0]!;
  assert.deepEqual(c.command, ['/bin/sh', '-c', 'exec /app --port 7000']);
  assert.equal(c.healthcheck, undefined);
  assert.deepEqual(facts.listeners.map((l) => [l.port, l.source]), [[7000, 'command']]);
});

test('without an owner: settings only, no workload and no listeners', () => {
  const facts = dockerfileFacts(new SourceText('Dockerfile', 'FROM nginx\nENV A=b\nEXPOSE 80\nCMD ["nginx"]\n'), undefined);
  assert.deepEqual(facts.settings.map((s) => [s.owner, s.key, s.value]), [[undefined, 'A', 'b']]);
  assert.deepEqual([facts.workloads, facts.listeners], [[], []]);
});

test('the escape directive, heredocs, comments inside continuations and lowercase keywords', () => {
  const text = `# escape=\`
FROM mcr.microsoft.com/windows/servercore
env A=1 \`
  # a comment inside the continuation
  B=2
RUN <<EOF
EXPOSE 1234
EOF
expose 5000
`;
  const facts = dockerfileFacts(new SourceText('Dockerfile', text), 'win');
  assert.deepEqual(facts.settings.map((s) => [s.key, s.value, s.evidence.line]), [['A', '1', 3], ['B', '2', 5]]);
  assert.deepEqual(facts.listeners.map((l) => l.port), [5000]);
});

test('bad input never throws', () => {
  for (const text of ['', 'FROM', 'ENV A=1\nEXPOSE 80', 'FROM x\nCMD ["unterminated\nEXPOSE notaport 99999\nENV\nENV =x', 'FROM x\nRUN a \\']) {
    assert.doesNotThrow(() => dockerfileFacts(new SourceText('Dockerfile', text), 'x'), text);
  }
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      dockerfileFacts(new SourceText('Dockerfile', `FROM a\n${text}`), 'x');
    }),
  );
});
