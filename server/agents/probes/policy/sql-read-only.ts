/**
 * Whether a PostgreSQL command string is one read: a single SELECT, SHOW, VALUES, TABLE, WITH ... SELECT or
 * EXPLAIN without ANALYZE, with no data-modifying CTE, no SELECT INTO, no row locks, no psql meta-command
 * and no call of a function known to write, signal, lock or read server files. A filter like this is the
 * second line: the first is a database role that can only read (`default_transaction_read_only`), because a
 * user-defined function called from a SELECT can still write.
 */
import { hard, invalid, type Issue } from './decision';
import { lexSql, type SqlToken } from './sql-lexer';

const STATEMENT_STARTS = new Set(['select', 'show', 'explain', 'with', 'values', 'table']);

/**
 * Words that write or change the session wherever they stand (a data-modifying CTE, EXPLAIN of a write,
 * UPDATE ... SET). Statement starters that cannot appear inside a SELECT (FETCH, CLOSE, START, ...) are left
 * to the first-word check, so `FETCH FIRST 5 ROWS ONLY` stays readable.
 */
const FORBIDDEN_WORDS: Record<string, string> = {
  ...Object.fromEntries(['insert', 'update', 'delete', 'merge', 'upsert', 'truncate'].map((w) => [w, 'writes rows'])),
  ...Object.fromEntries(['create', 'alter', 'drop', 'reindex'].map((w) => [w, 'changes the schema'])),
  ...Object.fromEntries(['grant', 'revoke', 'reassign'].map((w) => [w, 'changes privileges'])),
  ...Object.fromEntries(['vacuum', 'analyze', 'analyse', 'checkpoint'].map((w) => [w, 'runs the statement or maintenance (EXPLAIN ANALYZE executes it)'])),
  ...Object.fromEntries(['call', 'do', 'execute', 'prepare', 'deallocate', 'declare'].map((w) => [w, 'runs code'])),
  ...Object.fromEntries(['listen', 'notify', 'unlisten'].map((w) => [w, 'sends or waits for notifications'])),
  ...Object.fromEntries(['set', 'reset', 'discard'].map((w) => [w, 'changes the session (SET ROLE, SET default_transaction_read_only)'])),
  ...Object.fromEntries(['begin', 'commit', 'rollback', 'savepoint', 'abort', 'lock'].map((w) => [w, 'controls transactions or locks'])),
  copy: 'copies rows to or from files and programs',
  into: 'creates a table (SELECT INTO)',
};

/** Functions that write, signal backends, take locks, change settings or read server files, and catalogs holding password hashes. */
const FORBIDDEN_FUNCTIONS: [RegExp, string][] = [
  [/^pg_(terminate|cancel)_backend$/, 'signals another session'],
  [/^pg_(reload_conf|rotate_logfile|promote|switch_wal|switch_xlog|create_restore_point|log_backend_memory_contexts)$/, 'changes the server'],
  [/^pg_(start|stop)_backup$|^pg_backup_(start|stop)$|^pg_wal_replay_(pause|resume)$/, 'changes backups or replication'],
  [/^pg_(create|drop|copy)_\w*$|^pg_replication_(slot|origin)_\w*$|^pg_logical_emit_message$/, 'changes replication slots or origins'],
  [/^pg_(try_)?advisory_\w*$/, 'takes or releases locks'],
  [/^pg_stat_(reset\w*|statements_reset)$|^pg_stat_\w*_reset$/, 'resets statistics'],
  [/^pg_(read_file|read_binary_file|file_\w+|logdir_ls)$/, 'reads or writes the server’s files'],
  [/^pg_(notify|sleep_until)$/, 'sends a notification'],
  [/^(set_config|nextval|setval|txid_current|pg_current_xact_id)$/, 'changes session or sequence state'],
  [/^lo_\w+$|^lo(read|write|import|export|create|open|close|unlink)$/, 'reads or writes large objects and server files'],
  [/^dblink\w*$/, 'runs SQL on another connection'],
  [/^(query|cursor)_to_xml\w*$/, 'runs a query given as a string'],
  [/^(pg_shadow|pg_authid|pg_user_mappings?)$/, 'holds password hashes or remote credentials'],
  [/^(pg_truncate_visibility_map|brin_summarize_\w+|brin_desummarize_range|gin_clean_pending_list|pg_prewarm|pg_import_system_collations|binary_upgrade_\w+)$/, 'changes stored data'],
];

/** The problems of the SQL of `psql -c`; `label` is e.g. "psql -c". */
export function sqlIssues(sql: string, label: string): Issue[] {
  const lexed = lexSql(sql);
  if ('error' in lexed) return [invalid(`${label} could not be read: ${lexed.error}`)];
  const tokens = lexed.tokens;
  const issues: Issue[] = [];
  const backslash = tokens.find((t) => t.kind === 'backslash');
  if (backslash) issues.push(hard(`${label} ${backslash.text} is a psql meta-command (they run shell commands, write files or set variables)`));
  if (tokens.some((t) => t.backslashInPlainString)) issues.push(invalid(`${label} has a backslash in a '...' string, which reads differently when standard_conforming_strings is off (use E'...')`));
  if (tokens.some((t) => t.unicodeEscaped)) issues.push(invalid(`${label} U&"..." identifiers can hide a name`));

  const statements: SqlToken[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'semicolon') statements.push([]);
    else statements.at(-1)!.push(t);
  }
  const nonEmpty = statements.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) return [...issues, invalid(`${label} holds no statement`)];
  if (nonEmpty.length > 1) {
    issues.push(hard(`${label} runs more than one statement (a ; outside quotes and comments)`));
  }
  const stmt = nonEmpty[0]!;
  const first = stmt.find((t) => t.kind !== 'op' || t.text !== '(');
  if (!first || first.kind !== 'word' || !STATEMENT_STARTS.has(first.text)) {
    issues.push(hard(`${label} ${first ? first.text.toUpperCase() : 'statement'} is not a read (only SELECT, SHOW, VALUES, TABLE, WITH ... SELECT, EXPLAIN)`));
  }
  for (const [k, t] of tokens.entries()) {
    if (t.kind === 'word' && Object.hasOwn(FORBIDDEN_WORDS, t.text)) issues.push(hard(`${label} ${t.text.toUpperCase()} ${FORBIDDEN_WORDS[t.text]}`));
    if (t.kind === 'word' && t.text === 'for' && tokens[k + 1]?.kind === 'word' && /^(update|share|no|key)$/.test(tokens[k + 1]!.text)) {
      issues.push(hard(`${label} FOR ${tokens[k + 1]!.text.toUpperCase()} locks rows`));
    }
    if (t.kind === 'word' || t.kind === 'quoted') {
      const name = t.text.toLowerCase();
      const f = FORBIDDEN_FUNCTIONS.find(([re]) => re.test(name));
      if (f) issues.push(hard(`${label} ${name}${tokens[k + 1]?.text === '(' ? '()' : ''} ${f[1]}`));
    }
  }
  return issues;
}
