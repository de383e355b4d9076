/**
 * Test helpers: a real redis-server on a free loopback port (nothing saved, its own temp folder), and a raw
 * RESP client over node:net so that tests can seed and inspect the server without going through redis-cli.
 * scripts/setup-services.sh installs redis-server and redis-cli.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A RESP reply: simple string, integer, bulk string (null when absent), array, or an error reply. */
export type RespReply = string | number | null | RespReply[] | RespError;

/** An error reply (`-ERR ...`), kept as a value so a test can assert on it. */
export class RespError {
  constructor(readonly message: string) {}
}

/** A running redis-server. */
export interface RedisServer {
  port: number;
  pid: number;
  /** Stops the process (SIGSTOP): the kernel still accepts connections, nothing answers (a hung redis). */
  freeze(): void;
  /** Kills the server and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** What `startRedis` is given. */
export interface RedisOptions {
  /** Sets `--requirepass`; the readiness check then authenticates. */
  requirepass?: string;
  /** More `--name value` words for the server (e.g. `--maxclients 321`). */
  args?: string[];
}

const READY_WITHIN_MS = 5000;
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A loopback port that was free a moment ago: listened on with port 0, then closed. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port from listen(0)'))));
    });
  });
}

/** Starts redis-server on 127.0.0.1 and resolves once it answers PING. Tries another port if one was taken meanwhile. */
export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), options);
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

async function startOnce(port: number, options: RedisOptions): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'aoi-redis-'));
  const logfile = join(dir, 'redis.log');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'no', '--save', '', '--appendonly', 'no', '--dir', dir,
    '--daemonize', 'no', '--logfile', logfile, ...(options.requirepass !== undefined ? ['--requirepass', options.requirepass] : []), ...(options.args ?? [])];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  live.add(child);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      live.delete(child);
      resolve();
    });
    child.once('error', () => {
      exited = true;
      live.delete(child);
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGKILL'); // also ends a frozen (SIGSTOPped) server
      await exit;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const log = (): string => {
    try {
      return readFileSync(logfile, 'utf8').trim().split('\n').slice(-5).join('\n');
    } catch {
      return '(no log)';
    }
  };

  const deadline = performance.now() + READY_WITHIN_MS;
  const auth = options.requirepass !== undefined ? [['AUTH', options.requirepass]] : [];
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`redis-server on port ${port} exited before answering PING:\n${log()}`);
    }
    try {
      const replies = await redisCommands(port, [...auth, ['PING']], 1000);
      if (replies.at(-1) === 'PONG') break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`redis-server on port ${port} did not answer PING within ${READY_WITHIN_MS} ms:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    pid: child.pid!,
    freeze: () => void child.kill('SIGSTOP'),
    stop,
  };
}

/** Sends `commands` as RESP arrays on one new connection and resolves with one reply per command. */
export function redisCommands(port: number, commands: string[][], timeoutMs = 5000): Promise<RespReply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let buffer = Buffer.alloc(0);
    const replies: RespReply[] = [];
    const fail = (e: Error): void => {
      socket.destroy();
      reject(e);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no reply from 127.0.0.1:${port} within ${timeoutMs} ms`)));
    socket.once('error', fail);
    socket.once('connect', () => socket.write(commands.map(encodeCommand).join('')));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        for (let parsed = parseReply(buffer, 0); parsed; parsed = parseReply(buffer, 0)) {
          replies.push(parsed.value);
          buffer = buffer.subarray(parsed.end);
        }
      } catch (e) {
        fail(e as Error);
        return;
      }
      if (replies.length >= commands.length) {
        socket.end();
        resolve(replies);
      }
    });
    socket.once('close', () => {
      if (replies.length < commands.length) reject(new Error(`connection to 127.0.0.1:${port} closed after ${replies.length} of ${commands.length} replies`));
    });
  });
}

/** One command's reply; an error reply is thrown. */
export async function redisCommand(port: number, ...command: string[]): Promise<RespReply> {
  const [reply] = await redisCommands(port, [command]);
  if (reply instanceof RespError) throw new Error(`${command.join(' ')}: ${reply.message}`);
  return reply!;
}

function encodeCommand(words: string[]): string {
  return `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`;
}

/** Parses one reply at `at`; undefined when the buffer does not hold all of it yet. */
function parseReply(buf: Buffer, at: number): { value: RespReply; end: number } | undefined {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const line = buf.toString('utf8', at + 1, eol);
  const next = eol + 2;
  switch (String.fromCharCode(buf[at]!)) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new RespError(line), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buf.length < next + length + 2) return undefined;
      return { value: buf.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RespReply[] = [];
      let end = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    default:
      throw new Error(`not a RESP reply: ${JSON.stringify(buf.toString('utf8', at, Math.min(buf.length, at + 40)))}`);
  }
}
