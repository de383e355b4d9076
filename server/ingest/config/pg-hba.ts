/**
 * pg_hba.conf: PostgreSQL's client authentication rules, one per line (`host all all 10.0.0.0/8
 * scram-sha-256`), read in order as PostgreSQL does: the first rule matching the connection decides.
 */
import type { HbaRuleFact } from './facts';
import type { SourceText } from './source-text';

/** Connection types of a rule; `local` has no address field. */
const TYPES = new Set(['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc']);

/** A field of a rule line with its 1-based column. */
interface Field {
  value: string;
  column: number;
}

/**
 * The rules of a pg_hba.conf, in file order. Comments, blank lines, `include*` directives and lines that are
 * not rules are skipped; a line ending with `\` continues on the next. An address with a separate netmask
 * (`127.0.0.1 255.255.255.255`) is written as a CIDR (`127.0.0.1/32`). Never throws.
 */
export function pgHbaRules(src: SourceText): HbaRuleFact[] {
  const out: HbaRuleFact[] = [];
  for (let i = 0; i < src.lines.length; i++) {
    const startLine = i + 1;
    let raw = src.lines[i]!;
    while (/\\\s*$/.test(stripComment(raw))) {
      const joined = stripComment(raw).replace(/\\\s*$/, ' ');
      raw = i + 1 < src.lines.length ? `${joined}${src.lines[++i]!}` : joined;
    }
    const fields = splitFields(stripComment(raw));
    const type = fields[0]?.value.toLowerCase();
    if (!type || !TYPES.has(type)) continue;
    const rest = fields.slice(1);
    const database = rest.shift();
    const user = rest.shift();
    if (!database || !user) continue;
    let address: string | undefined;
    if (type !== 'local') {
      const addr = rest.shift();
      if (!addr) continue;
      address = addr.value;
      const mask = rest[0] && !address.includes('/') && /^\d+\.\d+\.\d+\.\d+$/.test(rest[0].value) && rest.length >= 2 ? rest.shift()!.value : undefined;
      if (mask) address = `${address}/${prefixLength(mask) ?? mask}`;
    }
    const method = rest.shift();
    if (!method) continue;
    const rule: HbaRuleFact = {
      type,
      database: database.value,
      user: user.value,
      method: method.value,
      evidence: src.evidence(startLine, fields[0]!.column),
    };
    if (address !== undefined) rule.address = address;
    const options: Record<string, string> = {};
    for (const opt of rest) {
      const eq = opt.value.indexOf('=');
      if (eq > 0) options[opt.value.slice(0, eq)] = opt.value.slice(eq + 1);
    }
    if (Object.keys(options).length > 0) rule.options = options;
    out.push(rule);
  }
  return out;
}

/** The line up to a `#` outside double quotes. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

/** Whitespace-separated fields; double quotes group (`"my db"`) and are removed, as PostgreSQL reads them. */
function splitFields(line: string): Field[] {
  const out: Field[] = [];
  for (const m of line.matchAll(/(?:"[^"]*"|[^\s"])+/g)) out.push({ value: m[0].replace(/"/g, ''), column: m.index + 1 });
  return out;
}

/** `255.255.255.0` -> 24; undefined when the mask is not contiguous. */
function prefixLength(mask: string): number | undefined {
  const bits = mask.split('.').map((o) => Number(o).toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) && bits.length === 32 ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : undefined;
}
