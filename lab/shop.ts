/**
 * The lab's shop: which parts it runs and on which loopback ports. Every port derives from one base port, so a
 * second lab (or a test) can run beside the first by choosing another base.
 */

/** The Node services written for the lab. */
export type AppName = 'web-api' | 'orders' | 'inventory';
export const APPS: readonly AppName[] = ['web-api', 'orders', 'inventory'];

/** Every part the supervisor runs, in start order (dependencies first). */
export type PartName = 'postgres' | 'redis' | 'lab-dns' | 'lab-net' | AppName | 'gateway';
export const PARTS: readonly PartName[] = ['postgres', 'redis', 'lab-dns', 'lab-net', 'inventory', 'orders', 'web-api', 'gateway'];

/** The DNS zone of the shop's Service names. */
export const ZONE = 'shop.svc';

/** The ports of one lab. Pods listen on `pod`, their Services (the lab network's proxies) on `service`. */
export interface ShopPorts {
  gateway: number;
  dns: number;
  pod: Record<AppName | 'redis' | 'postgres', number>;
  service: Record<AppName | 'redis' | 'postgres', number>;
}

/** The default base port: a range no common tool uses. */
export const DEFAULT_BASE_PORT = 47100;

export function shopPorts(base: number): ShopPorts {
  return {
    gateway: base,
    dns: base + 6,
    pod: { 'web-api': base + 1, orders: base + 2, inventory: base + 3, redis: base + 4, postgres: base + 5 },
    service: { 'web-api': base + 11, orders: base + 12, inventory: base + 13, redis: base + 14, postgres: base + 15 },
  };
}

/** Every TCP port a lab listens on (for the free-port check at bring-up and the freed-port check after). */
export function tcpPorts(p: ShopPorts): number[] {
  return [p.gateway, ...Object.values(p.pod), ...Object.values(p.service)];
}

/** A Service's DNS name. */
export function serviceHost(name: string): string {
  return `${name}.${ZONE}`;
}
