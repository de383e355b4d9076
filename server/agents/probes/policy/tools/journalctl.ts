/**
 * journalctl: reading the journal with filters (unit, time, priority, grep, boot, FIELD=value matches).
 * Refused: the maintenance verbs that delete or move journal files (`--vacuum-*`, `--rotate`, `--flush`,
 * `--sync`, `--relinquish-var`), key setup (`--setup-keys`, `--verify-key`), `--update-catalog`, and
 * `--cursor-file` (writes a cursor file). `-f`/`--follow` never ends and is left out. `--no-pager` is not
 * required: journalctl starts no pager when its output is not a terminal, as in the probe runner.
 */
import { invalid, type ToolCheck } from '../decision';
import { bool, FlagTable, neverEnds, optionalValue, parseArgv, refuseFlag, withValue } from '../argv-parser';
import { integer, readPath, selector, text, timeSpec, word } from '../values';

const refuse = (spec: string, why: string, takesValue = false) => refuseFlag(spec, why, { takesValue });

const TABLE = new FlagTable([
  ...['--system', '--user', '-m --merge', '-k --dmesg', '-r --reverse', '--show-cursor', '--utc', '-x --catalog', '--no-hostname', '--no-full', '-l --full', '-a --all', '--no-tail',
    '-q --quiet', '--no-pager', '-e --pager-end', '-h --help', '--version', '-N --fields', '--list-boots', '--disk-usage', '--header', '--list-catalog', '--dump-catalog'].map(bool),
  withValue('-D --directory', readPath),
  withValue('--file', readPath),
  withValue('--namespace', word),
  withValue('-S --since', timeSpec),
  withValue('-U --until', timeSpec),
  withValue('-c --cursor', text),
  withValue('--after-cursor', text),
  { ...optionalValue('-b --boot', text), nextIfMatches: /^([+-]?\d+|[0-9a-f]{32}([+-]\d+)?|all)$/ },
  withValue('-u --unit', text),
  withValue('--user-unit', text),
  withValue('-t --identifier', text),
  withValue('-p --priority', word),
  withValue('--facility', word),
  withValue('-g --grep', text),
  optionalValue('--case-sensitive', word),
  withValue('-o --output', word),
  withValue('--output-fields', selector),
  { ...optionalValue('-n --lines', (v, f) => (/^[+-]?\d{1,9}$|^all$/.test(v) ? undefined : integer()(v, f))), nextIfMatches: /^[+-]?\d+$|^all$/ },
  withValue('-F --field', word),
  withValue('--interval', text),
  neverEnds('-f --follow'),
  refuseFlag('--verify', 'reads every journal file (heavy)', { severity: 'unlisted' }),
  refuseFlag('-M --machine', 'reads another machine’s journal', { takesValue: true, severity: 'unlisted' }),
  refuseFlag('--root', 'reads another root file system', { takesValue: true, severity: 'unlisted' }),
  refuseFlag('--image', 'reads a disk image', { takesValue: true, severity: 'unlisted' }),
  refuse('--vacuum-size', 'deletes journal files', true),
  refuse('--vacuum-files', 'deletes journal files', true),
  refuse('--vacuum-time', 'deletes journal files', true),
  refuse('--rotate', 'rotates journal files'),
  refuse('--flush', 'moves the journal to /var'),
  refuse('--sync', 'writes the journal to disk'),
  refuse('--relinquish-var', 'moves the journal off /var'),
  refuse('--smart-relinquish-var', 'moves the journal off /var'),
  refuse('--setup-keys', 'writes sealing keys'),
  refuse('--force', 'overwrites sealing keys'),
  refuse('--verify-key', 'uses a sealing key (credentials)', true),
  refuse('--update-catalog', 'rewrites the message catalog'),
  refuse('--new-id128', 'is not a journal read'),
  refuse('--cursor-file', 'writes a cursor file', true),
]);

/** Checks a journalctl argv (without "journalctl"): positionals are FIELD=value matches, `+`, or a binary path. */
export const checkJournalctl: ToolCheck = (args) => {
  const parsed = parseArgv(args, TABLE, { tool: 'journalctl', abbreviations: true });
  const issues = [...parsed.issues];
  for (const p of parsed.positionals) {
    if (p === '+' || /^[A-Z0-9_]+=/.test(p)) continue;
    const bad = p.startsWith('/') ? readPath(p, 'journalctl') : invalid(`journalctl "${p}" is not a FIELD=value match`);
    if (bad) issues.push(bad);
  }
  return { issues, reads: 'journalctl reads the journal' };
};
