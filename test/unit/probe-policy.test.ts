/**
 * The read-only probe policy: the table of argv cases (probe-policy-cases.ts), the settings that widen it
 * and cannot widen past its hard refusals, the binary lookup in fixed directories, and properties over
 * generated argvs (refused tools stay refused, credential overrides and control characters anywhere refuse,
 * abbreviations and mixed case do not slip through).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXED_BIN_DIRS, fixedDirectoryResolver, ProbePolicy, readExtraAllowed, type ExtraAllowedEntry } from '../../server/agents/probes/policy';
import { TOOL_CHECKS } from '../../server/agents/probes/policy/tools';
import { checkExtraTool } from '../../server/agents/probes/policy/extra-allowed';
import { CASES } from './probe-policy-cases/index';

/** Every tool is "installed", so decisions do not depend on this machine. */
const installed = (tool: string) => `/usr/bin/${tool}`;
const policy = new ProbePolicy({ resolve: installed });
const show = (argv: readonly string[]) => JSON.stringify(argv);

/** An entry naming every word the argv's problems say a setting may allow, and every argument besides. */
function widestEntry(argv: readonly string[]): ExtraAllowedEntry {
  const [tool, ...args] = argv as [string, ...string[]];
  const issues = Object.hasOwn(TOOL_CHECKS, tool) ? TOOL_CHECKS[tool]!(args).issues : checkExtraTool(tool, args, [{ tool }]).issues;
  const widen = issues.flatMap((i) => (i.widen ? [i.widen] : []));
  const positionals = args.filter((a) => !a.startsWith('-'));
  const subcommands = [...widen.filter((w) => w.kind === 'subcommand').map((w) => w.word), ...positionals, ...(positionals.length ? [positionals.join(' ')] : [])];
  const flags = [...widen.filter((w) => w.kind === 'flag').map((w) => w.word), ...args, ...args.map((a) => a.split('=')[0]!)];
  return subcommands.length ? { tool, subcommands, flags } : { tool, flags };
}

describe('the policy table', () => {
  test('holds at least 300 cases, allowed and refused, for every tool with a module', () => {
    assert.ok(CASES.length >= 300, `${CASES.length} cases`);
    assert.ok(CASES.filter((c) => c.allowed).length >= 100);
    assert.ok(CASES.filter((c) => !c.allowed).length >= 150);
    for (const tool of Object.keys(TOOL_CHECKS)) {
      assert.ok(CASES.some((c) => c.argv[0] === tool && c.allowed), `an allowed case for ${tool}`);
      assert.ok(CASES.some((c) => c.argv[0] === tool && !c.allowed), `a refused case for ${tool}`);
    }
  });

  for (const c of CASES) {
    test(`${c.allowed ? 'allows' : 'refuses'} ${show(c.argv)}`, () => {
      const d = policy.check(c.argv);
      assert.equal(d.allowed, c.allowed, `${show(c.argv)}: ${d.reason}`);
      assert.ok(d.reason.includes(c.reason), `${show(c.argv)}: expected the reason to mention "${c.reason}", got "${d.reason}"`);
      assert.doesNotMatch(d.reason, /[\n\r]/);
      if (d.allowed) {
        assert.equal(d.tool, c.argv[0]);
        assert.equal(d.resolvedPath, `/usr/bin/${c.argv[0]}`);
      }
    });
  }
});

describe('settings (extraAllowed)', () => {
  const refused = CASES.filter((c) => !c.allowed && c.argv.length > 0 && /^[A-Za-z0-9][\w.+-]*$/.test(c.argv[0]!));

  test('an entry naming the words of an unlisted read allows it', () => {
    const failures = refused
      .filter((r) => r.widenable)
      .flatMap((c) => {
        const d = new ProbePolicy({ resolve: installed, extraAllowed: [widestEntry(c.argv)] }).check(c.argv);
        return d.allowed && /extraAllowed/.test(d.reason) ? [] : [`${show(c.argv)}: ${d.reason}`];
      });
    assert.deepEqual(failures, []);
  });

  test('no entry lifts a hard refusal: every other refused case stays refused, for the same reason', () => {
    const failures = refused
      .filter((r) => !r.widenable)
      .flatMap((c) => {
        const d = new ProbePolicy({ resolve: installed, extraAllowed: [widestEntry(c.argv)] }).check(c.argv);
        return !d.allowed && d.reason.includes(c.reason) ? [] : [`${show(c.argv)}: ${d.allowed ? 'allowed' : 'refused'}: ${d.reason}`];
      });
    assert.deepEqual(failures, []);
  });

  test('a credential override is allowed pinned to its value, and only that value', () => {
    const p = new ProbePolicy({ resolve: installed, extraAllowed: [{ tool: 'kubectl', flags: ['--context=staging'] }] });
    const d = p.check(['kubectl', '--context', 'staging', 'get', 'pods']);
    assert.equal(d.allowed, true, d.reason);
    assert.match(d.reason, /extraAllowed allows --context/);
    assert.equal(p.check(['kubectl', 'get', 'pods', '--context=prod']).allowed, false);
    assert.equal(p.check(['kubectl', 'get', 'pods', '--context=staging', '--server=https://evil']).allowed, false);
  });

  test('an allowed subcommand still has its flags checked', () => {
    const p = new ProbePolicy({ resolve: installed, extraAllowed: [{ tool: 'kubectl', subcommands: ['wait'], flags: ['--for'] }] });
    assert.equal(p.check(['kubectl', 'wait', '--for=condition=Ready', 'pod/web-0']).allowed, true);
    assert.match(p.check(['kubectl', 'wait', '--for=delete', 'pod/web-0', '--token=x']).reason, /--token/);
    assert.match(p.check(['kubectl', 'wait', '--timeout=5s', 'pod/web-0']).reason, /--timeout is not a flag/);
  });

  test('a tool without a module is allowed with the subcommands and flags its entries name', () => {
    const p = new ProbePolicy({ resolve: installed, extraAllowed: [{ tool: 'helm', subcommands: ['list', 'status'], flags: ['-n', '--namespace'] }, { tool: 'xfs_info' }] });
    assert.equal(p.check(['helm', 'list', '-n', 'shop']).allowed, true);
    assert.equal(p.check(['helm', 'status', 'web']).allowed, true);
    assert.match(p.check(['helm', 'uninstall', 'web']).reason, /helm uninstall is not a subcommand the settings allow/);
    assert.match(p.check(['helm', 'list', '--kube-token=x']).reason, /--kube-token is not a flag the settings allow/);
    assert.equal(p.check(['xfs_info', '/data']).allowed, true);
    assert.equal(p.check(['xfs_info', '-V']).allowed, false);
  });

  test('entries naming refused tools or of the wrong shape are dropped, with a line each', () => {
    const read = readExtraAllowed([{ tool: 'bash' }, { tool: 'python3', flags: ['-c'] }, { tool: '/usr/bin/x' }, { tool: 'kubectl', flags: 'x' }, 'curl', { tool: 'helm' }]);
    assert.deepEqual(read.entries, [{ tool: 'helm' }]);
    assert.equal(read.problems.length, 5);
    assert.match(read.problems[0]!, /extraAllowed\[0\]: ignored, bash is a shell/);
    assert.match(readExtraAllowed('kubectl').problems[0]!, /expected a list/);
    const p = new ProbePolicy({ resolve: installed, extraAllowed: [{ tool: 'bash' }, { tool: 'env' }] });
    assert.equal(p.settingsProblems.length, 2);
    assert.match(p.check(['bash', '-c', 'id']).reason, /bash is a shell/);
    assert.match(p.check(['env']).reason, /env runs another command/);
  });

  test('entries cannot allow writing subcommands or flags by naming them', () => {
    const p = new ProbePolicy({
      resolve: installed,
      extraAllowed: [
        { tool: 'kubectl', subcommands: ['delete', 'exec', 'rollout restart', 'neat'], flags: ['--raw', '--profile-output'] },
        { tool: 'curl', flags: ['-o', '--output', '-d', '--data', '-X', '--unix-socket', '-K'] },
        { tool: 'redis-cli', subcommands: ['FLUSHALL', 'CONFIG SET', 'EVAL', 'ACL LIST'], flags: ['-x', '--eval'] },
        { tool: 'sed', flags: ['-i', '--in-place'] },
        { tool: 'find', flags: ['-exec', '-delete'] },
        { tool: 'psql', flags: ['-f', '-o', '--set'] },
      ],
    });
    for (const argv of [
      ['kubectl', 'delete', 'pod', 'x'], ['kubectl', 'exec', 'x', '--', 'sh'], ['kubectl', 'rollout', 'restart', 'deploy/x'], ['kubectl', 'neat'],
      ['kubectl', 'get', '--raw', '/api'], ['curl', '-o', '/tmp/x', 'http://a/'], ['curl', '-d', 'x', 'http://a/'], ['curl', '-X', 'POST', 'http://a/'],
      ['curl', '--unix-socket', '/var/run/docker.sock', 'http://a/'], ['redis-cli', 'FLUSHALL'], ['redis-cli', 'config', 'set', 'dir', '/'], ['redis-cli', 'EVAL', 'x', '0'],
      ['redis-cli', 'ACL', 'LIST'], ['redis-cli', '-x', 'SET', 'k'], ['sed', '-i', 's/a/b/', 'f'], ['find', '.', '-delete'], ['psql', '-f', 'x.sql'],
    ]) {
      assert.equal(p.check(argv).allowed, false, show(argv));
    }
  });
});

describe('binary resolution', () => {
  test('a tool that is not installed is refused, naming the directories searched', () => {
    const p = new ProbePolicy({ resolve: () => undefined });
    assert.deepEqual(p.check(['kubectl', 'get', 'pods']), {
      allowed: false,
      reason: `kubectl is not installed (looked in ${FIXED_BIN_DIRS.join(', ')})`,
    });
  });

  test('policy problems are reported before the lookup, and a refused argv is never looked up', () => {
    const asked: string[] = [];
    const p = new ProbePolicy({ resolve: (t) => (asked.push(t), undefined) });
    assert.match(p.check(['kubectl', 'delete', 'pod', 'x']).reason, /delete/);
    assert.deepEqual(asked, []);
  });

  test('the lookup searches the fixed directories in order, never $PATH', () => {
    const seen: string[] = [];
    const resolve = fixedDirectoryResolver(FIXED_BIN_DIRS, (p) => (seen.push(p), p === '/usr/bin/kubectl' || p === '/bin/kubectl'));
    assert.equal(resolve('kubectl'), '/usr/bin/kubectl');
    assert.deepEqual(seen, ['/usr/local/sbin/kubectl', '/usr/local/bin/kubectl', '/usr/sbin/kubectl', '/usr/bin/kubectl']);
    assert.equal(resolve('../kubectl'), undefined);
    assert.equal(resolve('a/b'), undefined);

    const dir = mkdtempSync(join(tmpdir(), 'aoi-bin-'));
    const savedPath = process.env['PATH'];
    try {
      writeFileSync(join(dir, 'aoi-probe-shadow'), '#!/bin/sh\n');
      chmodSync(join(dir, 'aoi-probe-shadow'), 0o755);
      process.env['PATH'] = `${dir}:${savedPath ?? ''}`;
      assert.equal(fixedDirectoryResolver()('aoi-probe-shadow'), undefined, 'a binary first on $PATH is not found');
      assert.equal(fixedDirectoryResolver([dir])('aoi-probe-shadow'), join(dir, 'aoi-probe-shadow'));
      writeFileSync(join(dir, 'not-executable'), 'x');
      assert.equal(fixedDirectoryResolver([dir])('not-executable'), undefined);
    } finally {
      process.env['PATH'] = savedPath;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the default policy resolves real binaries in the fixed directories', () => {
    const d = new ProbePolicy().check(['df', '-h']);
    assert.equal(d.allowed, true, d.reason);
    assert.ok(d.allowed && FIXED_BIN_DIRS.some((dir) => d.resolvedPath === `${dir}/df`), JSON.stringify(d));
  });
});

describe('properties', () => {
  const allowed = CASES.filter((c) => c.allowed);
  const allowedKubectl = allowed.filter((c) => c.argv[0] === 'kubectl');
  const REFUSED_TOOLS = ['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'busybox', 'python', 'python3', 'python3.11', 'node', 'perl', 'ruby', 'php', 'lua5.4', 'awk', 'gawk',
    'sudo', 'su', 'doas', 'env', 'xargs', 'nohup', 'timeout', 'nice', 'watch', 'tee', 'dd', 'mv', 'cp', 'rm', 'chmod', 'chown', 'ln', 'truncate', 'kill', 'killall', 'pkill'];

  test('a refused tool is refused whatever its arguments and the settings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REFUSED_TOOLS), fc.array(fc.string(), { maxLength: 6 }), (tool, args) => {
        const p = new ProbePolicy({ resolve: installed, extraAllowed: [{ tool, subcommands: args, flags: args }] });
        const d = p.check([tool, ...args]);
        return !d.allowed;
      }),
    );
  });

  test('a credential override inserted anywhere in an allowed kubectl argv refuses it', () => {
    const overrides = ['--kubeconfig=/tmp/x', '--server=https://attacker.example', '-s=https://attacker.example', '--token=abc', '--as=system:admin', '--as-group=system:masters',
      '--context=prod', '--user=admin', '--cluster=other', '--certificate-authority=/tmp/ca', '--insecure-skip-tls-verify'];
    fc.assert(
      fc.property(fc.constantFrom(...allowedKubectl), fc.constantFrom(...overrides), fc.nat(), (c, flag, at) => {
        const i = 1 + (at % c.argv.length);
        const argv = [...c.argv.slice(0, i), flag, ...c.argv.slice(i)];
        return !policy.check(argv).allowed;
      }),
      { numRuns: 500 },
    );
  });

  test('a control character anywhere refuses any argv', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allowed), fc.nat(), fc.constantFrom('\n', '\r', '\0', '\x1b', '\u2028'), fc.boolean(), (c, at, ch, append) => {
        const i = at % c.argv.length;
        const argv = [...c.argv];
        argv[i] = append ? `${argv[i]}${ch}x` : `${ch}${argv[i]}`;
        const d = policy.check(argv);
        return !d.allowed && !/[\n\r\0]/.test(d.reason);
      }),
    );
  });

  test('a tool named by a path is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allowed), fc.constantFrom('./', '../', '/tmp/', '/usr/bin/', 'bin/', './x/../'), (c, prefix) => {
        const d = policy.check([`${prefix}${c.argv[0]}`, ...c.argv.slice(1)]);
        return !d.allowed && d.reason.includes('is a path');
      }),
    );
  });

  test('refused redis commands stay refused in any mix of case', () => {
    const commands = [['FLUSHALL'], ['FLUSHDB'], ['SET', 'k', 'v'], ['DEL', 'k'], ['CONFIG', 'SET', 'x', 'y'], ['CONFIG', 'REWRITE'], ['SHUTDOWN'], ['DEBUG', 'SLEEP', '1'],
      ['EVAL', 'x', '0'], ['SCRIPT', 'LOAD', 'x'], ['MODULE', 'LOAD', 'x'], ['MIGRATE', 'h', '1', 'k', '0', '1'], ['ACL', 'LIST'], ['CLIENT', 'KILL', 'ID', '1']];
    const mixCase = (s: string, bits: number) => [...s].map((ch, i) => ((bits >> i) & 1 ? ch.toLowerCase() : ch)).join('');
    fc.assert(
      fc.property(fc.constantFrom(...commands), fc.nat(), fc.nat(), (words, bits1, bits2) => {
        const argv = ['redis-cli', mixCase(words[0]!, bits1), ...words.slice(1).map((w, i) => (i === 0 ? mixCase(w, bits2) : w))];
        return !policy.check(argv).allowed;
      }),
    );
  });

  test('every abbreviation curl, wget, sed, psql and journalctl would accept of a refused option is refused', () => {
    const refusedLong: [string, string, string[]][] = [
      ['curl', '--data-binary', ['x', 'http://a/']], ['curl', '--output', ['/tmp/x', 'http://a/']], ['curl', '--upload-file', ['/etc/passwd', 'http://a/']],
      ['curl', '--config', ['/tmp/c', 'http://a/']], ['curl', '--unix-socket', ['/var/run/docker.sock', 'http://a/']], ['curl', '--cookie-jar', ['/tmp/j', 'http://a/']],
      ['wget', '--post-data', ['a', '-O-', 'http://a/']], ['wget', '--execute', ['x', '-O-', 'http://a/']], ['wget', '--output-file', ['/tmp/l', '-O-', 'http://a/']],
      ['sed', '--in-place', ['s/a/b/', 'f']], ['psql', '--file', ['/tmp/x.sql']], ['psql', '--output', ['/tmp/o', '-c', 'SELECT 1']],
      ['journalctl', '--vacuum-time', ['1s']], ['journalctl', '--rotate', []], ['journalctl', '--setup-keys', []],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...refusedLong), fc.nat(), (row, cut) => {
        const [tool, option, rest] = row;
        const prefix = option.slice(0, 3 + (cut % (option.length - 2)));
        return !policy.check([tool, prefix, ...rest]).allowed;
      }),
      { numRuns: 400 },
    );
  });

  test('a write after a semicolon, inside a CTE or after a comment is refused whatever the SELECT before it', () => {
    const selects = ['SELECT 1', 'SELECT * FROM pg_stat_activity', "SELECT 'a;b'", 'SELECT $$x$$', 'SELECT 1 /* c */', 'WITH t AS (SELECT 1) SELECT * FROM t'];
    const writes = ['DROP TABLE t', 'DELETE FROM t', 'UPDATE t SET a = 1', 'INSERT INTO t VALUES (1)', 'COPY t TO PROGRAM $$id$$', 'SET ROLE postgres', 'CREATE TABLE x ()'];
    fc.assert(
      fc.property(fc.constantFrom(...selects), fc.constantFrom(...writes), fc.constantFrom('; ', ';', ' ;\t', '; /* x */ '), (select, write, sep) => {
        return !policy.check(['psql', '-c', `${select}${sep}${write}`]).allowed && !policy.check(['psql', '-c', `/* ${select} */ ${write}`]).allowed;
      }),
    );
  });

  test('a sed flag cluster with i in it is refused', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('n', 'E', 's', 'u', 'z', 'r'), { maxLength: 4 }), fc.nat(), (letters, at) => {
        const cluster: string[] = [...letters];
        cluster.splice(at % (letters.length + 1), 0, 'i');
        return !policy.check(['sed', `-${cluster.join('')}`, 's/a/b/', 'f']).allowed;
      }),
    );
  });

  test('any argv gets a decision with a one-line reason and never throws', () => {
    const tools = [...Object.keys(TOOL_CHECKS), 'bash', 'mytool', './x', ''];
    fc.assert(
      fc.property(fc.constantFrom(...tools), fc.array(fc.oneof(fc.string(), fc.constantFrom('--', '-', '-o', '--server', '-X', 'POST', ';', '\\!', 'http://a/')), { maxLength: 8 }), (tool, args) => {
        const d = policy.check([tool, ...args]);
        return typeof d.allowed === 'boolean' && typeof d.reason === 'string' && d.reason.length > 0 && !/[\n\r]/.test(d.reason);
      }),
      { numRuns: 2000 },
    );
  });
});
