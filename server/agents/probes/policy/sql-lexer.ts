/**
 * A PostgreSQL lexer, as far as telling SQL from what only looks like it: `--` and nested `/* *\/` comments,
 * '...' strings (standard-conforming: '' is the only escape), E'...' strings with backslash escapes, B/X/N
 * and U& prefixes, "quoted identifiers", $tag$ dollar quotes $tag$, $1 parameters, semicolons and the
 * backslashes of psql meta-commands. A statement hidden in a comment or a string is never a token; a
 * statement after a semicolon or a backslash is.
 */

/** One token. Words are lower-cased; quoted identifiers keep their case. */
export interface SqlToken {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'param' | 'semicolon' | 'backslash' | 'op';
  text: string;
  /** For strings: the literal holds a backslash and is not an E'' string (it reads differently when standard_conforming_strings is off). */
  backslashInPlainString?: boolean;
  /** For quoted identifiers: written U&"..." with Unicode escapes. */
  unicodeEscaped?: boolean;
}

/** The tokens of `sql`, or the reason it cannot be read (an unterminated string, quote or comment). */
export function lexSql(sql: string): { tokens: SqlToken[] } | { error: string } {
  const tokens: SqlToken[] = [];
  const n = sql.length;
  let i = 0;
  const isIdentStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
  const isIdentPart = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

  /** Reads a quoted run from `start` (the opening quote) with `q` doubled as escape; `backslash` also escapes. */
  const quoted = (start: number, q: string, backslash: boolean): { end: number; body: string } | undefined => {
    let j = start + 1;
    let body = '';
    while (j < n) {
      const c = sql[j]!;
      if (backslash && c === '\\' && j + 1 < n) {
        body += sql.slice(j, j + 2);
        j += 2;
      } else if (c === q) {
        if (sql[j + 1] === q) {
          body += q;
          j += 2;
        } else return { end: j + 1, body };
      } else {
        body += c;
        j++;
      }
    }
    return undefined;
  };

  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n' && sql[i] !== '\r') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 0;
      while (i < n) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      if (depth !== 0) return { error: 'an unterminated /* comment' };
    } else if (c === "'") {
      const s = quoted(i, "'", false);
      if (!s) return { error: 'an unterminated string' };
      tokens.push({ kind: 'string', text: s.body, backslashInPlainString: s.body.includes('\\') });
      i = s.end;
    } else if (/[EeBbXxNn]/.test(c) && sql[i + 1] === "'") {
      const e = c === 'E' || c === 'e';
      const s = quoted(i + 1, "'", e);
      if (!s) return { error: 'an unterminated string' };
      tokens.push({ kind: 'string', text: s.body, backslashInPlainString: !e && s.body.includes('\\') });
      i = s.end;
    } else if ((c === 'U' || c === 'u') && sql[i + 1] === '&' && (sql[i + 2] === "'" || sql[i + 2] === '"')) {
      const s = quoted(i + 2, sql[i + 2]!, false);
      if (!s) return { error: 'an unterminated string or identifier' };
      tokens.push(sql[i + 2] === "'" ? { kind: 'string', text: s.body, backslashInPlainString: false } : { kind: 'quoted', text: s.body, unicodeEscaped: true });
      i = s.end;
    } else if (c === '"') {
      const s = quoted(i, '"', false);
      if (!s) return { error: 'an unterminated quoted identifier' };
      tokens.push({ kind: 'quoted', text: s.body });
      i = s.end;
    } else if (c === '$' && /\d/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < n && /\d/.test(sql[j]!)) j++;
      tokens.push({ kind: 'param', text: sql.slice(i, j) });
      i = j;
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i))?.[0];
      if (!tag) {
        tokens.push({ kind: 'op', text: c });
        i++;
        continue;
      }
      const close = sql.indexOf(tag, i + tag.length);
      if (close < 0) return { error: `an unterminated ${tag} dollar quote` };
      tokens.push({ kind: 'string', text: sql.slice(i + tag.length, close), backslashInPlainString: false });
      i = close + tag.length;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(sql[j]!)) j++;
      tokens.push({ kind: 'word', text: sql.slice(i, j).toLowerCase() });
      i = j;
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(sql[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9.eE_]/.test(sql[j]!)) j++;
      tokens.push({ kind: 'number', text: sql.slice(i, j) });
      i = j;
    } else if (c === ';') {
      tokens.push({ kind: 'semicolon', text: c });
      i++;
    } else if (c === '\\') {
      tokens.push({ kind: 'backslash', text: /^\\[^\s\\]*/.exec(sql.slice(i))![0] });
      i++;
    } else {
      tokens.push({ kind: 'op', text: c });
      i++;
    }
  }
  return { tokens };
}
