/**
 * Key-value configs as settings with positions: env files (`KEY=value`), INI and TOML (`[section]` then
 * `key = value`), Java properties (`a.b=c`, `a.b: c`), space-separated configs (redis.conf `port 6379`,
 * postgresql.conf), and the scalar leaves of YAML/JSON application configs as dotted keys.
 */
import type { PNode } from './yaml-tree';
import type { SettingFact } from './facts';
import type { SourceText } from './source-text';

/** Settings of an env, INI, TOML, properties or space-separated file. */
export function keyValueSettings(src: SourceText, owner: string | undefined): SettingFact[] {
  const out: SettingFact[] = [];
  let section = '';
  src.lines.forEach((raw, idx) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';') || line.startsWith('//') || line.startsWith('!')) return;
    const sectionMatch = /^\[+\s*([^\]]+?)\s*\]+$/.exec(line);
    if (sectionMatch) {
      section = sectionMatch[1]!.replace(/^"|"$/g, '');
      return;
    }
    const m = /^(?:export\s+)?([A-Za-z_][\w.-]*)\s*(?:=|:|\s)\s*(.*)$/d.exec(line);
    if (!m) return;
    const value = unquote(stripInlineComment(m[2]!));
    // The value's column in the raw line: `line` is `raw` without its leading whitespace.
    const column = raw.length - raw.trimStart().length + m.indices![2]![0] + 1;
    const key = section ? `${section}.${m[1]}` : m[1]!;
    out.push({ owner, key, value, evidence: src.evidence(idx + 1, column) });
  });
  return out;
}

/** Settings from the scalar leaves of a YAML/JSON tree: `server.port`, `clients.ledger.url`, `hosts.0`. */
export function treeSettings(doc: PNode, src: SourceText, owner: string | undefined): SettingFact[] {
  const out: SettingFact[] = [];
  const walk = (node: PNode, path: string[], depth: number): void => {
    if (depth > 40) return;
    if (node.kind === 'map') for (const [k, v] of node.entries) walk(v, [...path, k], depth + 1);
    else if (node.kind === 'seq') node.items.forEach((item, i) => walk(item, [...path, String(i)], depth + 1));
    else if (node.value !== null && path.length > 0) {
      out.push({ owner, key: path.join('.'), value: String(node.value), evidence: src.evidence(node.line, node.column) });
    }
  };
  walk(doc, [], 0);
  return out;
}

function stripInlineComment(value: string): string {
  // A quoted value ends at its closing quote: `'localhost'  # what IP address(es)` is `'localhost'`.
  const quoted = /^(["'])(?:\\.|(?!\1).)*\1(?=\s*(?:[#;].*)?$)/.exec(value);
  if (quoted) return quoted[0];
  if (/^["']/.test(value)) return value;
  const hash = value.search(/\s[#;]/);
  return (hash >= 0 ? value.slice(0, hash) : value).trim();
}

function unquote(value: string): string {
  const v = value.trim();
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}
