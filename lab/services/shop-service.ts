/**
 * The entry of the shop's services (bundled as dist/lab/shop-service.js): `run(name)` starts one of them.
 * A start failure is logged as a fatal line naming its cause and exits 1, as a crashing service does.
 */
import type { AppName } from '../shop';
import { errorFields, logger, type Level } from './log';
import { startWebApi } from './web-api';
import { startOrders } from './orders';
import { startInventory } from './inventory';

export function run(name: AppName): void {
  const log = logger(name, (process.env.LOG_LEVEL as Level | undefined) ?? 'info');
  const starts: Record<AppName, () => unknown> = { 'web-api': () => startWebApi(log), orders: () => startOrders(log), inventory: () => startInventory(log) };
  const start = starts[name];
  if (!start) {
    log.error('unknown service', { name });
    process.exit(2);
  }
  log.info('starting', { pid: process.pid, node: process.version });
  Promise.resolve()
    .then(start)
    .catch((err: unknown) => {
      log.error('startup failed', errorFields(err));
      process.exit(1);
    });
  process.on('SIGTERM', () => {
    log.info('shutting down', { signal: 'SIGTERM' });
    process.exit(0);
  });
}
