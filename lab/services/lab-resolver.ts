/**
 * Name resolution through the lab's DNS server (DNS_SERVER, `host:port`), as a pod resolves Service names
 * through the cluster DNS. Answers are cached for a few seconds; failures are not cached, and surface with
 * the resolver's own error (`queryA ENOTFOUND orders.shop.svc`, `queryA ETIMEOUT ...`).
 */
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

const TTL_MS = 3000;

export class LabResolver {
  private readonly resolver = new Resolver({ timeout: 1000, tries: 2 });
  private readonly cache = new Map<string, { address: string; until: number }>();

  constructor(server: string) {
    this.resolver.setServers([server]);
  }

  /** The IPv4 address of `host` (an IP is returned as is). */
  async resolve(host: string): Promise<string> {
    if (isIP(host)) return host;
    const hit = this.cache.get(host);
    if (hit && hit.until > Date.now()) return hit.address;
    const [address] = await this.resolver.resolve4(host);
    if (!address) throw Object.assign(new Error(`queryA ENODATA ${host}`), { code: 'ENODATA' });
    this.cache.set(host, { address, until: Date.now() + TTL_MS });
    return address;
  }

  /** A `lookup` for net/http/tls connections that resolves through the lab DNS (with `all`, as a list). */
  lookup = (host: string, options: { all?: boolean }, callback: (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void): void => {
    this.resolve(host).then(
      (address) => (options.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4)),
      (err: Error) => callback(err, options.all ? [] : '', 4),
    );
  };
}
