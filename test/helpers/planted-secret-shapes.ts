/**
 * Random secrets of the right shape for the redaction tests: a seeded generator and one maker per shape
 * (prefix, alphabet, length). Nothing here is a real credential; every value is drawn from the generator.
 */
import { seeded, type Rng } from './seeded';

export { seeded, type Rng };

/** Alphabets secrets are drawn from. */
export const ALPHA = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  upperDigits: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  hex: '0123456789abcdef',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  password: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_!*+^',
} as const;

/** `n` characters of `alphabet`. */
export function draw(r: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

/** `n` characters of `alphabet` holding a digit, an upper-case and a lower-case letter (when the alphabet has them). */
export function drawMixed(r: Rng, alphabet: string, n: number): string {
  for (;;) {
    const s = draw(r, alphabet, n);
    if (/\d/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s)) return s;
  }
}

/** A password: starts with a letter, 16 to 24 characters of letters, digits and a few symbols. */
export function randomPassword(r: Rng): string {
  return draw(r, ALPHA.alnum.slice(0, 52), 1) + drawMixed(r, ALPHA.password, 15 + Math.floor(r() * 9));
}

/** A random UUID (version 4 layout). */
export function randomUuid(r: Rng): string {
  const h = (n: number): string => draw(r, ALPHA.hex, n);
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}

/** Base64 (standard alphabet, padded) of random bytes of length `bytes`. */
export function randomBase64(r: Rng, bytes: number): string {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = Math.floor(r() * 256);
  return buf.toString('base64');
}

/** Base64url without padding of `s`. */
export const base64url = (s: string): string => Buffer.from(s).toString('base64url');

/** A JWT of a fixed header, a random payload and a random signature. */
export function randomJwt(r: Rng): string {
  const header = base64url('{"alg":"HS256","typ":"JWT"}');
  const payload = base64url(`{"sub":"${draw(r, ALPHA.alnum, 12)}","iat":${1700000000 + Math.floor(r() * 1e7)},"sid":"${draw(r, ALPHA.alnum, 16)}"}`);
  return `${header}.${payload}.${draw(r, ALPHA.base64url, 43)}`;
}

/** The body lines (64 characters each) of a PEM block of `bytes` random bytes. */
export function pemLines(r: Rng, bytes: number, first = 'MII'): string[] {
  const b64 = first + randomBase64(r, bytes).slice(first.length);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return lines;
}
