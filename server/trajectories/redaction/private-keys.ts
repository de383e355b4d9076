/**
 * Private keys in PEM armour: RSA, EC, DSA, OpenSSH, PKCS#8 (plain and encrypted), PGP private key blocks, and
 * the PKCS#8 key of a Google service-account JSON file. The body between the BEGIN and END lines is the secret;
 * the armour lines and the line breaks around the body stay, so a redacted key reads `-----BEGIN RSA PRIVATE
 * KEY-----`, `<secret:rsa-private-key>`, `-----END RSA PRIVATE KEY-----` on three lines. Bodies may span lines, carry diff markers or YAML indentation, or be one JSON string
 * with escaped `\n`; a block cut off before its END line is redacted up to where its base64 stops.
 *
 * BEGIN and END markers are each found in one pass and paired in order, so a text of many BEGIN lines and no
 * END costs no more than one read.
 */
import type { SecretKind, Span } from './secret-kind';

const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
const END = /-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g;
const GCP_FIELD = /"private_key"\s*:\s*"$/;
const MAX_BODY = 65536;

/** One key body and the kind it is. */
interface KeyBody {
  start: number;
  end: number;
  kind: string;
}

/** The kind a BEGIN label names. */
function kindOfLabel(label: string): string {
  if (label.startsWith('RSA ')) return 'rsa-private-key';
  if (label.startsWith('EC ')) return 'ec-private-key';
  if (label.startsWith('OPENSSH ')) return 'openssh-private-key';
  if (label.startsWith('PGP ')) return 'pgp-private-key';
  return 'private-key';
}

/** Where the body of a block without END stops: at the next armour line or the first non-base64 character. */
function truncatedEnd(text: string, from: number, bound: number): number {
  let i = from;
  while (i < bound) {
    const c = text.charCodeAt(i);
    const base64ish = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61;
    const layout = c === 32 || c === 9 || c === 10 || c === 13 || c === 92 || c === 58 || c === 44 || c === 45 || c === 46;
    if (!base64ish && !layout) break;
    if (c === 45 && text.startsWith('-----', i)) break;
    i++;
  }
  return i;
}

/** True when `c` is a space, a tab or a line break. */
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The body span without the layout around it: line breaks (also escaped `\n` in JSON), indentation, and the
 * diff marker of the END line, so the armour lines keep their own lines.
 */
function trimLayout(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  for (;;) {
    if (s < e && isSpace(text.charCodeAt(s))) s++;
    else if (s + 1 < e && text[s] === '\\' && text[s + 1] === 'n') s += 2;
    else break;
  }
  for (;;) {
    if (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    else if (e - 1 > s && text[e - 2] === '\\' && text[e - 1] === 'n') e -= 2;
    else if (e - 1 > s && text[e - 1] === '+' && text[e - 2] === '\n') e--;
    else break;
  }
  return [s, e];
}

/** Finds every key body of `text`. */
function findBodies(text: string): KeyBody[] {
  if (!text.includes('PRIVATE KEY')) return [];
  const begins: { marker: number; body: number; label: string }[] = [];
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) begins.push({ marker: m.index, body: m.index + m[0].length, label: m[1]! });
  const ends: number[] = [];
  END.lastIndex = 0;
  for (let m = END.exec(text); m !== null; m = END.exec(text)) ends.push(m.index);
  const out: KeyBody[] = [];
  let e = 0;
  begins.forEach((b, i) => {
    while (e < ends.length && ends[e]! < b.body) e++;
    const nextBegin = begins[i + 1]?.marker ?? text.length;
    const bound = Math.min(nextBegin, b.body + MAX_BODY, text.length);
    const end = e < ends.length && ends[e]! <= bound ? ends[e]! : truncatedEnd(text, b.body, bound);
    const [start, stop] = trimLayout(text, b.body, end);
    if (stop <= start) return;
    const gcp = GCP_FIELD.test(text.slice(Math.max(0, b.marker - 64), b.marker));
    out.push({ start, end: stop, kind: gcp ? 'gcp-private-key' : kindOfLabel(b.label) });
  });
  return out;
}

let memoText: string | undefined;
let memoBodies: KeyBody[] = [];

/** The key bodies of `text`, memoised for the last text (every private-key kind asks). */
function bodiesOf(text: string): KeyBody[] {
  if (text !== memoText) {
    memoBodies = findBodies(text);
    memoText = text;
  }
  return memoBodies;
}

/** A kind that takes the bodies of its own kind from the shared PEM scan. */
function pemKind(id: string, description: string): SecretKind {
  return { id, description, detect: (text): Span[] => bodiesOf(text).filter((b) => b.kind === id).map((b) => [b.start, b.end]) };
}

/** The PEM private-key kinds; the GCP kind first, its bodies are also plain PKCS#8 keys. */
export const PRIVATE_KEY_KINDS: readonly SecretKind[] = [
  pemKind('gcp-private-key', 'Private key of a Google Cloud service-account JSON file (the PEM in its "private_key" field).'),
  pemKind('rsa-private-key', 'RSA private key in PEM armour (BEGIN RSA PRIVATE KEY).'),
  pemKind('ec-private-key', 'Elliptic-curve private key in PEM armour (BEGIN EC PRIVATE KEY).'),
  pemKind('openssh-private-key', 'OpenSSH private key (BEGIN OPENSSH PRIVATE KEY).'),
  pemKind('pgp-private-key', 'PGP private key block (BEGIN PGP PRIVATE KEY BLOCK).'),
  pemKind('private-key', 'PKCS#8, encrypted PKCS#8 or DSA private key in PEM armour (BEGIN PRIVATE KEY, ENCRYPTED PRIVATE KEY, DSA PRIVATE KEY).'),
];
