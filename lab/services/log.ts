/** Structured logs of the shop's services: one JSON object per line on stdout (the supervisor files them). */
export type Level = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function logger(service: string, level: Level = 'info'): Logger {
  const write = (l: Level, msg: string, fields: Record<string, unknown> = {}): void => {
    if (ORDER[l] < ORDER[level]) return;
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: l, service, msg, ...fields })}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** An error's message and code as log fields. */
export function errorFields(err: unknown): Record<string, unknown> {
  const e = err as NodeJS.ErrnoException;
  return { error: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}) };
}
