/**
 * nginx configuration: a tokenizer and a directive tree that keeps the line and column of every argument,
 * and the facts that matter for diagnosis (the ports nginx listens on, the upstream servers and proxied
 * URLs it calls, the certificate, key and CA files it loads, the files it includes).
 */
import { emptyFacts, type ConfigFacts, type TlsFileReference } from './facts';
import { findEndpoints, parsePort } from './endpoints';
import type { SourceText } from './source-text';

/** A word of the config with its position. */
export interface NginxToken {
  value: string;
  line: number;
  column: number;
}

/** One directive: `name args...;` or `name args... { children }`. */
export interface NginxDirective {
  name: NginxToken;
  args: NginxToken[];
  /** Present for block directives. */
  block?: NginxDirective[];
}

/** The directive tree and any syntax problem (the tree holds what parsed before it). */
export interface NginxConfig {
  directives: NginxDirective[];
  problems: { line: number; message: string }[];
}

/** Parses nginx config text; never throws. */
export function parseNginxConfig(source: string): NginxConfig {
  const tokens = tokenize(source);
  const problems: NginxConfig['problems'] = [];
  let i = 0;
  const parseBlock = (depth: number): NginxDirective[] => {
    const out: NginxDirective[] = [];
    let current: NginxToken[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if (t.value === ';' && !t.quoted) {
        if (current.length > 0) out.push({ name: current[0]!, args: current.slice(1) });
        current = [];
      } else if (t.value === '{' && !t.quoted) {
        if (current.length === 0) {
          problems.push({ line: t.line, message: 'unexpected "{" with no directive before it' });
          current = [t];
        }
        out.push({ name: current[0]!, args: current.slice(1), block: parseBlock(depth + 1) });
        current = [];
      } else if (t.value === '}' && !t.quoted) {
        if (current.length > 0) problems.push({ line: t.line, message: `directive "${current[0]!.value}" is not terminated by ";"` });
        if (depth === 0) problems.push({ line: t.line, message: 'unexpected "}"' });
        else return out;
        current = [];
      } else {
        current.push(t);
      }
    }
    if (current.length > 0) problems.push({ line: current[0]!.line, message: `directive "${current[0]!.value}" is not terminated by ";"` });
    if (depth > 0) problems.push({ line: tokens.at(-1)?.line ?? 1, message: 'unexpected end of file, expecting "}"' });
    return out;
  };
  const directives = parseBlock(0);
  return { directives, problems };
}

interface RawToken extends NginxToken {
  quoted: boolean;
}

function tokenize(source: string): RawToken[] {
  const tokens: RawToken[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const advance = (): string => {
    const ch = source[i++]!;
    if (ch === '\n') {
      line++;
      col = 1;
    } else col++;
    return ch;
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      advance();
    } else if (ch === '#') {
      while (i < source.length && source[i] !== '\n') advance();
    } else if (ch === ';' || ch === '{' || ch === '}') {
      tokens.push({ value: ch, line, column: col, quoted: false });
      advance();
    } else if (ch === '"' || ch === "'") {
      const startLine = line;
      const startCol = col;
      advance();
      let value = '';
      while (i < source.length && source[i] !== ch) {
        if (source[i] === '\\' && i + 1 < source.length) advance();
        value += advance();
      }
      advance();
      tokens.push({ value, line: startLine, column: startCol, quoted: true });
    } else {
      const startCol = col;
      let value = '';
      while (i < source.length && !/[\s;{}]/.test(source[i]!) && !(source[i] === '#' && value === '')) {
        // `${var}` keeps its braces inside one word
        if (source[i] === '$' && source[i + 1] === '{') {
          while (i < source.length && source[i] !== '}') value += advance();
        }
        value += advance();
      }
      tokens.push({ value, line, column: startCol, quoted: false });
    }
  }
  return tokens;
}

/** Visits every directive of the tree, depth first, with its parent chain. */
export function walkDirectives(directives: NginxDirective[], visit: (d: NginxDirective, parents: NginxDirective[]) => void, parents: NginxDirective[] = []): void {
  for (const d of directives) {
    visit(d, parents);
    if (d.block) walkDirectives(d.block, visit, [...parents, d]);
  }
}

/** Directives that name a TLS file, and the part the file plays. */
const TLS_DIRECTIVES: Record<string, TlsFileReference['role']> = {
  ssl_certificate: 'certificate',
  ssl_certificate_key: 'key',
  ssl_trusted_certificate: 'ca',
  ssl_client_certificate: 'ca',
  proxy_ssl_certificate: 'certificate',
  proxy_ssl_certificate_key: 'key',
  proxy_ssl_trusted_certificate: 'ca',
};

/** One `include` directive: the path as written (relative paths are relative to nginx's prefix or the config's folder; globs stay globs). */
export interface NginxInclude {
  path: string;
  line: number;
  column: number;
}

/** The `include` directives of a config, in file order, for the caller to read; the parser does no I/O. */
export function nginxIncludes(config: NginxConfig): NginxInclude[] {
  const out: NginxInclude[] = [];
  walkDirectives(config.directives, (d) => {
    const first = d.args[0];
    if (d.name.value === 'include' && first) out.push({ path: first.value, line: first.line, column: first.column });
  });
  return out;
}

const PASS_DIRECTIVES = new Set(['proxy_pass', 'fastcgi_pass', 'grpc_pass', 'uwsgi_pass', 'scgi_pass', 'memcached_pass']);

/** Facts of an nginx config owned by `owner` (the component running this nginx). */
export function nginxFacts(config: NginxConfig, src: SourceText, owner: string): ConfigFacts {
  const facts = emptyFacts();
  const upstreams = new Set<string>();
  walkDirectives(config.directives, (d) => {
    if (d.name.value === 'upstream' && d.args[0]) upstreams.add(d.args[0].value);
  });
  walkDirectives(config.directives, (d, parents) => {
    const name = d.name.value;
    const first = d.args[0];
    if (!first) return;
    if (TLS_DIRECTIVES[name] !== undefined) {
      // `data:` holds the PEM inline and `engine:` names a key in a crypto engine: neither is a file.
      if (!/^(data|engine):/.test(first.value)) {
        facts.tlsFiles.push({ component: owner, role: TLS_DIRECTIVES[name]!, path: first.value, evidence: src.evidence(first.line, first.column) });
      }
    } else if (name === 'server_name' && parents.at(-1)?.name.value === 'server') {
      // The names a server block answers to are names clients reach this nginx by.
      const names = d.args.map((a) => a.value).filter((v) => /^[a-z0-9][\w.-]*\.[a-z]{2,}$/i.test(v));
      if (names.length > 0) facts.components.push({ name: owner, aliases: names, origin: 'config', evidence: src.evidence(first.line, first.column) });
    } else if (name === 'listen') {
      const port = parsePort(first.value) ?? (/^\d+$/.test(first.value) ? undefined : 80);
      if (port !== undefined && !first.value.startsWith('unix:')) {
        facts.listeners.push({ component: owner, port, source: 'nginx-listen', evidence: src.evidence(first.line, first.column) });
      }
    } else if (name === 'server' && parents.at(-1)?.name.value === 'upstream') {
      const upstream = parents.at(-1)!.args[0]?.value ?? '';
      const ep = findEndpoints(first.value).find((e) => e.index === 0) ?? hostOnly(first.value, 80);
      if (ep) {
        facts.references.push({
          from: owner,
          host: ep.host,
          port: ep.port,
          explicitPort: ep.explicitPort,
          via: `nginx upstream ${upstream}`,
          evidence: src.evidence(first.line, first.column),
        });
      }
    } else if (PASS_DIRECTIVES.has(name)) {
      const ep = findEndpoints(first.value)[0];
      if (ep && !upstreams.has(ep.host)) {
        facts.references.push({
          from: owner,
          host: ep.host,
          port: ep.port,
          explicitPort: ep.explicitPort,
          via: `nginx ${name}`,
          evidence: src.evidence(first.line, first.column),
        });
      }
    }
  });
  return facts;
}

/** `server backend;` with no port means port 80. */
function hostOnly(value: string, port: number): { host: string; port: number; explicitPort: boolean } | undefined {
  return /^[A-Za-z0-9][\w.-]*$/.test(value) ? { host: value, port, explicitPort: false } : undefined;
}
