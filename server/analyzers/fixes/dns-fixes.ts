/**
 * Fixes of dns_failure in a component's own configuration:
 * - resolvers that do not answer replaced by the ones the host or other services use: resolver lists the
 *   inputs show (`resolvectl` "DNS Servers:", a resolv.conf `nameserver`, Docker's "ExtServers: [...]", the
 *   `dns` settings of components that resolve fine) that share no address with the failing ones. They must
 *   agree (every list is part of the longest one), or nothing is proposed;
 * - a host name that is a typo of a component's name (an app_misconfig the DNS analyzer finds) corrected;
 * - a missing record added to the hosts-format zone file that holds its domain's other names.
 * Edits replace the resolver values where they are written, one per line or all on one line, and add or drop
 * list lines when the counts differ.
 */
import type { Evidence } from '../../protocol';
import type { SettingFact } from '../../ingest/config/facts';
import type { FixEdit, FixIdea } from '../../agents/executor/fix-idea';
import { insertLines, replaceValue, type FileFixIdea } from '../../agents/executor/fix-idea';

const IP = String.raw`(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7})`;
/** Lines that list the resolvers a host or container uses. */
const RESOLVER_LINES = [
  new RegExp(String.raw`\bDNS Servers?:\s*((?:${IP}\s*)+)`, 'i'),
  new RegExp(String.raw`\bExtServers:\s*\[((?:${IP}[\s,]*)+)\]`),
  new RegExp(String.raw`^\s*nameserver\s+(${IP})\s*$`),
  new RegExp(String.raw`\b(?:upstream |forward(?:ing)? )?(?:resolvers?|nameservers?|dns[_ ]servers?)\s*[:=]\s*\[?((?:${IP}[\s,]*)+)`, 'i'),
];
const IP_ONLY = new RegExp(`^${IP}$`);

/**
 * Resolver lists in log lines (command outputs collected into the bundle), in order, loopback left out.
 * Consecutive `nameserver` lines of one file are one list, as in resolv.conf.
 */
export function resolverLists(lines: readonly Evidence[]): string[][] {
  const out: string[][] = [];
  const sorted = [...lines].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  let last: Evidence | undefined;
  for (const e of sorted) {
    const found = RESOLVER_LINES.map((re) => re.exec(e.text)).find((m) => m);
    if (!found) continue;
    const ips = [...new Set(found[1]!.split(/[\s,]+/).filter((ip) => IP_ONLY.test(ip) && !isLoopback(ip)))];
    const continues = found[0].trimStart().startsWith('nameserver') && last?.file === e.file && last.line === e.line - 1 && out.length > 0;
    if (continues) out[out.length - 1]!.push(...ips.filter((ip) => !out[out.length - 1]!.includes(ip)));
    else out.push(ips);
    last = found[0].trimStart().startsWith('nameserver') ? e : undefined;
  }
  return out.filter((list) => list.length > 0);
}

/**
 * The failing resolver settings of `component` (values are addresses) pointed at the resolvers `known` lists
 * agree on. `known` holds every resolver list seen elsewhere (other components' settings, log lines).
 */
export function resolverFix(component: string, failing: readonly SettingFact[], known: readonly string[][]): FixIdea | undefined {
  const settings = uniqueLines(failing.filter((s) => IP_ONLY.test(s.value.trim())));
  if (settings.length === 0 || new Set(settings.map((s) => s.evidence.file)).size !== 1) return undefined;
  const old = settings.map((s) => s.value.trim());
  const working = known.map((list) => list.filter((v) => IP_ONLY.test(v) && !isLoopback(v))).filter((list) => list.length > 0 && !list.some((ip) => old.includes(ip)));
  if (working.length === 0) return undefined;
  const longest = [...working].sort((a, b) => b.length - a.length)[0]!;
  if (!working.every((list) => list.every((ip) => longest.includes(ip)))) return undefined;
  const why = `${component}'s resolvers ${old.join(', ')} do not resolve its names; the host and the services that resolve fine use ${longest.join(', ')}.`;
  const file = settings[0]!.evidence.file;
  const lines = new Set(settings.map((s) => s.evidence.line));
  if (lines.size === 1 && settings.length > 1) {
    // An inline list: the span from the first to the last address, written with the list's own separator.
    const text = settings[0]!.evidence.text;
    const first = text.indexOf(old[0]!);
    const last = text.indexOf(old[old.length - 1]!, first);
    if (first < 0 || last < 0) return undefined;
    const span = text.slice(first, last + old[old.length - 1]!.length);
    const separator = span.slice(old[0]!.length, span.indexOf(old[1]!, old[0]!.length));
    return replaceValue({ ...settings[0]!.evidence, column: undefined }, span, longest.join(separator), why);
  }
  if (lines.size !== settings.length) return undefined;
  // A single resolver written as a scalar (`dns: 10.0.0.2`) stays a scalar: the first working one.
  if (settings.length === 1 && !/\.\d+$/.test(settings[0]!.key)) return replaceValue(settings[0]!.evidence, old[0]!, longest[0]!, why);
  const edits: FixEdit[] = [];
  settings.forEach((s, i) => {
    const next = longest[i];
    if (next !== undefined) edits.push({ op: 'replace', line: s.evidence.line, find: old[i]!, replace: next });
    else edits.push({ op: 'delete', fromLine: s.evidence.line, toLine: s.evidence.line });
  });
  if (longest.length > settings.length) {
    const lastSetting = settings[settings.length - 1]!;
    const line = fullLine(lastSetting);
    if (line === undefined) return undefined;
    edits.push({ op: 'insert', afterLine: lastSetting.evidence.line, lines: longest.slice(settings.length).map((ip) => line.split(lastSetting.value.trim()).join(ip)) });
  }
  return { kind: 'edit', file, edits, why };
}

/** `setting`'s host `name` (a typo) replaced by `corrected`. */
export function hostTypoFix(setting: SettingFact, name: string, corrected: string, owner: string): FixIdea | undefined {
  if (!setting.evidence.text.includes(name)) return undefined;
  return replaceValue(setting.evidence, name, corrected, `${owner}'s ${setting.key} names host "${name}", which does not resolve; the component it means is reached as "${corrected}".`);
}

/** Settings with distinct lines, in line order (components sharing a YAML anchor share its lines). */
function uniqueLines(settings: readonly SettingFact[]): SettingFact[] {
  const seen = new Map<string, SettingFact>();
  for (const s of settings) {
    const key = `${s.evidence.file}:${s.evidence.line}:${s.value}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()].sort((a, b) => a.evidence.line - b.evidence.line);
}

/** The setting's line as it is in the file, indentation included, from its column; undefined when unsure. */
function fullLine(s: SettingFact): string | undefined {
  const value = s.value.trim();
  const at = s.evidence.text.indexOf(value);
  const indent = (s.evidence.column ?? 0) - 1 - at;
  if (at < 0 || indent < 0 || s.evidence.text.indexOf(value, at + 1) >= 0) return undefined;
  return ' '.repeat(indent) + s.evidence.text;
}

function isLoopback(ip: string): boolean {
  return /^127\./.test(ip) || ip === '::1' || ip === '0.0.0.0';
}

/** A hosts-format record line: `ADDRESS NAME [NAME...]`. */
const HOSTS_RECORD = new RegExp(String.raw`^\s*(${IP})\s+([A-Za-z0-9][\w.-]*(?:\s+[A-Za-z0-9][\w.-]*)*)\s*(?:#.*)?$`);

/**
 * A record for `name` added to the hosts-format zone file (`/etc/hosts`, a CoreDNS or dnsmasq hosts file) that
 * lists the other names of `name`'s domain but not `name`: when every such record of that file points at one
 * address, `ADDRESS NAME` is added after the last one seen (returned as the fix's evidence). Undefined when no file fits, two do, the file
 * already names it, or the addresses differ (then which one is right is a guess).
 */
export function zoneRecordFix(lines: readonly Evidence[], name: string): { fix: FileFixIdea; record: Evidence } | undefined {
  const domain = name.includes('.') ? name.slice(name.indexOf('.')) : undefined;
  if (!domain) return undefined;
  const byFile = new Map<string, { addresses: Set<string>; last?: Evidence; names: boolean }>();
  for (const e of lines) {
    const m = HOSTS_RECORD.exec(e.text);
    if (!m) continue;
    const names = m[2]!.split(/\s+/).map((n) => n.toLowerCase());
    const f = byFile.get(e.file) ?? { addresses: new Set<string>(), names: false };
    if (names.includes(name.toLowerCase())) f.names = true;
    if (names.some((n) => n.endsWith(domain.toLowerCase()))) {
      f.addresses.add(m[1]!);
      if (!f.last || e.line > f.last.line) f.last = e;
    }
    byFile.set(e.file, f);
  }
  const zones = [...byFile.entries()].filter(([, f]) => f.addresses.size > 0);
  if (zones.length !== 1) return undefined;
  const [file, zone] = zones[0]!;
  if (zone.names || zone.addresses.size !== 1) return undefined;
  const address = [...zone.addresses][0]!;
  const fix = insertLines(file, zone.last!.line, [`${address} ${name}`], `${file} holds the records of the other *${domain} names, all at ${address}, but none for ${name}, so it does not resolve; the record restores it.`);
  return { fix, record: zone.last! };
}
