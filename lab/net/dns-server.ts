/**
 * lab-dns: a DNS server on loopback (UDP) answering A queries from a hosts-format zone file, re-read when it
 * changes. Unknown names get NXDOMAIN. Every query that fails is logged in CoreDNS's log format.
 */
import dgram from 'node:dgram';
import { readFile, stat } from 'node:fs/promises';
import * as packet from 'dns-packet';

const TTL = 5;

export class LabDns {
  private readonly socket = dgram.createSocket('udp4');
  private records = new Map<string, string>();
  private mtime = 0;

  constructor(
    private readonly zoneFile: string,
    private readonly log: (line: string) => void,
  ) {}

  async start(port: number): Promise<void> {
    await this.reload();
    this.socket.on('message', (msg, rinfo) => void this.answer(msg, rinfo));
    await new Promise<void>((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind(port, '127.0.0.1', () => resolve());
    });
  }

  close(): void {
    this.socket.close();
  }

  /** Re-reads the zone file when it changed. */
  async reload(): Promise<void> {
    let m: number;
    try {
      m = (await stat(this.zoneFile)).mtimeMs;
    } catch {
      this.records = new Map();
      return;
    }
    if (m === this.mtime) return;
    this.mtime = m;
    const records = new Map<string, string>();
    for (const line of (await readFile(this.zoneFile, 'utf8')).split('\n')) {
      const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
      if (!ip || names.length === 0) continue;
      for (const n of names) records.set(n.toLowerCase().replace(/\.$/, ''), ip);
    }
    this.records = records;
  }

  private async answer(msg: Buffer, rinfo: dgram.RemoteInfo): Promise<void> {
    const started = process.hrtime.bigint();
    let query: packet.Packet;
    try {
      query = packet.decode(msg);
    } catch {
      return;
    }
    await this.reload();
    const q = query.questions?.[0];
    if (!q) return;
    const name = q.name.toLowerCase().replace(/\.$/, '');
    const ip = this.records.get(name);
    const answers = ip && q.type === 'A' ? [{ type: 'A' as const, name: q.name, ttl: TTL, data: ip }] : [];
    const rcode = ip ? 'NOERROR' : 'NXDOMAIN';
    const reply = packet.encode({ id: query.id, type: 'response', flags: packet.AUTHORITATIVE_ANSWER | packet.RECURSION_DESIRED | (ip ? 0 : 3), questions: [q], answers });
    this.socket.send(reply, rinfo.port, rinfo.address);
    if (!ip) {
      const secs = Number(process.hrtime.bigint() - started) / 1e9;
      this.log(`[INFO] ${rinfo.address}:${rinfo.port} - ${query.id} "${q.type} IN ${q.name}. udp ${msg.length} false 512" ${rcode} qr,aa,rd ${reply.length} ${secs.toFixed(6)}s`);
    }
  }
}
