/** A service's settings come from its environment (the supervisor loads the service's .env into it). */

/** A setting that must be set: a missing one stops the service at start with a message naming it. */
export function required(name: string): string {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') throw new Error(`missing required setting ${name}`);
  return v;
}
