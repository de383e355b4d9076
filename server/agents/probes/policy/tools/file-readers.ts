/**
 * Tools that read files: tail, head, grep, wc, cat (contents) and ls, stat (metadata). Their file arguments
 * pass the path check (values.ts: no credential stores, key files, device files or process environments).
 * Refused or left out: following a file (`tail -f`/`-F`, never ends); `grep -r` from `/`, `/proc`, `/sys`,
 * `/dev` (the whole system), from a folder holding credentials or above one (`/etc`, `/var`, `/root`, a home
 * folder), or from a relative path climbing out of the working folder; `ls -R` from a system root.
 * All are GNU getopt tools: long options may be abbreviated, and flags may follow file names.
 */
import { invalid, type Issue, type ToolCheck } from '../decision';
import { bool, FlagTable, hasFlag, neverEnds, optionalValue, parseArgv, usesOf, withValue, type FlagDef, type ParsedArgv } from '../argv-parser';
import { integer, isSystemRoot, readPath, recursiveRootIssue, text, word } from '../values';

const count = (v: string, flag: string): Issue | undefined => (/^[+-]?\d{1,12}[a-zA-Z]{0,3}$/.test(v) ? undefined : invalid(`${flag} "${v}" is not a count`));

/** `-20` (the obsolete form of `-n 20`) as head and tail read it. */
const obsoleteCount = (args: readonly string[]): string[] => args.flatMap((a) => (/^-\d+$/.test(a) ? ['-n', a.slice(1)] : [a]));

const pathIssues = (tool: string, paths: readonly string[], check = readPath): Issue[] => paths.flatMap((p) => check(p, tool) ?? []);

/** The refusal of a recursive read rooted where it would read the whole system. */
const recursionIssues = (tool: string, flag: string, roots: readonly string[]): Issue[] =>
  roots.filter(isSystemRoot).map((r) => invalid(`${tool} ${flag} ${r} would read every file of the system (name a folder)`));

const check =
  (tool: string, defs: FlagDef[], then: (p: ParsedArgv) => Issue[], reads: string, preprocess: (a: readonly string[]) => readonly string[] = (a) => a): ToolCheck =>
  (args) => {
    const parsed = parseArgv(preprocess(args), new FlagTable(defs), { tool, abbreviations: true });
    return { issues: [...parsed.issues, ...then(parsed)], reads };
  };

const COMMON = ['--help', '--version'].map(bool);

export const checkTail = check(
  'tail',
  [...COMMON, withValue('-n --lines', count), withValue('-c --bytes', count), bool('-q --quiet --silent'), bool('-v --verbose'), bool('-z --zero-terminated'), neverEnds('-f --follow'),
    neverEnds('-F'), bool('--retry'), withValue('--pid', integer()), withValue('-s --sleep-interval', text), withValue('--max-unchanged-stats', integer())],
  (p) => pathIssues('tail', p.positionals),
  'tail reads the end of files',
  obsoleteCount,
);

export const checkHead = check(
  'head',
  [...COMMON, withValue('-n --lines', count), withValue('-c --bytes', count), bool('-q --quiet --silent'), bool('-v --verbose'), bool('-z --zero-terminated')],
  (p) => pathIssues('head', p.positionals),
  'head reads the start of files',
  obsoleteCount,
);

export const checkCat = check(
  'cat',
  [...COMMON, ...['-A --show-all', '-b --number-nonblank', '-e', '-E --show-ends', '-n --number', '-s --squeeze-blank', '-t', '-T --show-tabs', '-u', '-v --show-nonprinting'].map(bool)],
  (p) => pathIssues('cat', p.positionals),
  'cat reads files',
);

export const checkWc = check(
  'wc',
  [...COMMON, ...['-c --bytes', '-m --chars', '-l --lines', '-L --max-line-length', '-w --words'].map(bool), withValue('--files0-from', readPath), withValue('--total', word)],
  (p) => pathIssues('wc', p.positionals),
  'wc counts the lines of files',
);

const GREP = [
  ...COMMON,
  ...['-E --extended-regexp', '-F --fixed-strings', '-G --basic-regexp', '-P --perl-regexp', '-i -y --ignore-case', '--no-ignore-case', '-w --word-regexp', '-x --line-regexp',
    '-z --null-data', '-s --no-messages', '-v --invert-match', '-V', '-b --byte-offset', '-n --line-number', '--line-buffered', '-H --with-filename', '-h --no-filename',
    '-o --only-matching', '-q --quiet --silent', '-a --text', '-I', '-r --recursive', '-R --dereference-recursive', '-L --files-without-match', '-l --files-with-matches',
    '-c --count', '-T --initial-tab', '-Z --null', '--no-group-separator', '-U --binary'].map(bool),
  withValue('-e --regexp', text),
  withValue('-f --file', readPath),
  withValue('-m --max-count', integer()),
  withValue('--label', text),
  withValue('--binary-files', word),
  withValue('-d --directories', word),
  withValue('-D --devices', word),
  withValue('--include', text),
  withValue('--exclude', text),
  withValue('--exclude-from', readPath),
  withValue('--exclude-dir', text),
  withValue('-B --before-context', integer()),
  withValue('-A --after-context', integer()),
  withValue('-C --context', integer()),
  withValue('--group-separator', text),
  optionalValue('--color --colour', word),
];

/** grep: the first positional is the pattern unless -e or -f gives it. */
export const checkGrep = check(
  'grep',
  GREP,
  (p) => {
    const patternGiven = usesOf(p, '--regexp').length > 0 || usesOf(p, '--file').length > 0;
    const files = patternGiven ? p.positionals : p.positionals.slice(1);
    const recursive = hasFlag(p, '--recursive') || hasFlag(p, '--dereference-recursive') || usesOf(p, '--directories').some((u) => u.value === 'recurse');
    const issues = [...pathIssues('grep', files), ...(recursive ? files.flatMap((f) => recursiveRootIssue(f, 'grep -r') ?? []) : [])];
    if (!patternGiven && p.positionals.length === 0) issues.push(invalid('grep needs a pattern'));
    return issues;
  },
  'grep searches files',
);

const LS = [
  ...COMMON,
  ...['-a --all', '-A --almost-all', '--author', '-b --escape', '-B --ignore-backups', '-c', '-C', '-d --directory', '-D --dired', '-f', '--file-type', '--full-time', '-g',
    '--group-directories-first', '-G --no-group', '-h --human-readable', '--si', '-H --dereference-command-line', '--dereference-command-line-symlink-to-dir', '-i --inode',
    '-k --kibibytes', '-l', '-L --dereference', '-m', '-n --numeric-uid-gid', '-N --literal', '-o', '-p', '-q --hide-control-chars', '--show-control-chars', '-Q --quote-name',
    '-r --reverse', '-R --recursive', '-s --size', '-S', '-t', '-u', '-U', '-v', '-x', '-X', '-Z --context', '--zero', '-1'].map(bool),
  withValue('--block-size', word), withValue('--format', word), withValue('--hide', text), withValue('--indicator-style', word), withValue('-I --ignore', text),
  withValue('--quoting-style', word), withValue('--sort', word), withValue('--time', word), withValue('--time-style', text), withValue('-T --tabsize', integer()),
  withValue('-w --width', integer()), optionalValue('--color --colour', word), optionalValue('-F --classify', word), optionalValue('--hyperlink', word),
];

/** ls lists names and metadata, so any folder may be named; only recursion from a system root is refused. */
export const checkLs = check(
  'ls',
  LS,
  (p) => (hasFlag(p, '--recursive') ? recursionIssues('ls', '-R', p.positionals.length ? p.positionals : []) : []),
  'ls lists files',
);

export const checkStat = check(
  'stat',
  [...COMMON, bool('-L --dereference'), bool('-f --file-system'), bool('-t --terse'), withValue('--cached', word), withValue('-c --format', text), withValue('--printf', text)],
  (p) => (p.positionals.length === 0 ? [invalid('stat needs a file')] : []),
  'stat reads file metadata',
);
