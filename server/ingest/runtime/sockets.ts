/**
 * Listening sockets of `ss -ltnp` / `ss -tulpn` (with or without Netid and Process columns) and
 * `netstat -ltnp`: address, port and the process that holds it.
 */
import type { ReadContext } from './read-context';
import type { SocketState } from './state';

/** Splits `127.0.0.1:6379`, `[::]:22`, `:::22`, `*:9100`, `127.0.0.53%lo:53` into address and port. */
export function splitHostPort(text: string): { address: string; port: number } | undefined {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return undefined;
  const port = Number(text.slice(colon + 1));
  if (!Number.isInteger(port) || text.slice(colon + 1) === '') return undefined;
  let address = text.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  if (address === '') address = '*';
  return { address, port };
}

/** Reads the `ss` or `netstat` table whose header is at 0-based `index`; returns the index after it. */
export function readSockets(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  const header = lines[index]!.trim();
  const netstat = header.startsWith('Proto');
  const netid = header.startsWith('Netid');
  const flags = ctx.command?.flags ?? new Set<string>();
  const commandProtocol = flags.has('t') && !flags.has('u') ? 'tcp' : flags.has('u') && !flags.has('t') ? 'udp' : undefined;
  let i = index + 1;
  for (; i < lines.length && lines[i]!.trim() !== '' && !ctx.isBoundary(i); i++) {
    const text = lines[i]!;
    const tokens = text.trim().split(/\s+/);
    let protocol: string | undefined = commandProtocol;
    let state: string | undefined;
    let local: string | undefined;
    let rest: string[];
    if (netstat) {
      protocol = tokens[0];
      local = tokens[3];
      state = /^[A-Z_0-9]+$/.test(tokens[5] ?? '') ? tokens[5] : undefined;
      rest = tokens.slice(state ? 6 : 5);
    } else {
      const at = netid ? 1 : 0;
      if (netid) protocol = tokens[0];
      state = tokens[at];
      local = tokens[at + 3];
      rest = tokens.slice(at + 5);
    }
    const hostPort = local ? splitHostPort(local) : undefined;
    if (!hostPort || (netstat ? tokens.length < 5 : tokens.length < (netid ? 6 : 5))) {
      ctx.problems.push({ line: i + 1, message: i + 1 === lines.length ? `${netstat ? 'netstat' : 'ss'} output cut off mid-row` : `${netstat ? 'netstat' : 'ss'} row not read: no local address:port` });
      continue;
    }
    const listening = state === undefined ? /^udp/.test(protocol ?? '') : state === 'LISTEN' || state === 'UNCONN';
    if (!listening) continue;
    const socket: SocketState = { ...hostPort, evidence: ctx.src.evidence(i + 1, text.indexOf(local!) + 1) };
    const processText = rest.join(' ');
    const users = /users:\(\("([^"]+)",pid=(\d+)/.exec(processText);
    const program = /^(\d+)\/([^\s:]+)/.exec(processText);
    if (users) {
      socket.process = users[1]!;
      socket.pid = Number(users[2]);
    } else if (program) {
      socket.process = program[2]!;
      socket.pid = Number(program[1]);
    }
    const proto = /^(tcp|udp)/.exec(protocol ?? '')?.[1] as 'tcp' | 'udp' | undefined;
    if (proto) socket.protocol = proto;
    socket.evidence.note = `${socket.process ?? 'a process'} listens on ${hostPort.address}:${hostPort.port}`;
    ctx.state.sockets.push(socket);
  }
  return i;
}
