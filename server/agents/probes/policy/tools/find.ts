/**
 * find: tests and the actions that print to stdout. Refused: `-exec`, `-execdir`, `-ok`, `-okdir` (run
 * commands), `-delete`, and `-fprint`, `-fprint0`, `-fprintf`, `-fls` (write files). A search from `/`,
 * `/proc`, `/sys` or `/dev` needs `-maxdepth`; find has no abbreviations and reads every expression word.
 */
import { hard, invalid, unlisted, type Issue, type ToolCheck } from '../decision';
import { integer, isSystemRoot, text } from '../values';

const NO_ARG = new Set(['-print', '-print0', '-ls', '-empty', '-readable', '-writable', '-executable', '-nouser', '-nogroup', '-true', '-false', '-prune', '-quit', '-depth', '-d',
  '-xdev', '-mount', '-daystart', '-noleaf', '-follow', '-ignore_readdir_race', '-noignore_readdir_race', '-o', '-or', '-a', '-and', '-not', '!', '(', ')', ',', '-nowarn', '-warn',
  '-help', '--help', '-version', '--version']);
const ONE_ARG = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-lname', '-ilname', '-regex', '-iregex', '-regextype', '-type', '-xtype', '-size',
  '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-newer', '-anewer', '-cnewer', '-user', '-group', '-uid', '-gid', '-perm', '-links', '-inum', '-samefile',
  '-fstype', '-used', '-printf', '-context']);
const DEPTH = new Set(['-maxdepth', '-mindepth']);
const RUNS = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const WRITES = new Set(['-delete', '-fprint', '-fprint0', '-fprintf', '-fls']);

/** Checks a find argv (without "find"). */
export const checkFind: ToolCheck = (args) => {
  const issues: Issue[] = [];
  let i = 0;
  // Leading options: -H -L -P, -D debugopts, -Olevel.
  while (i < args.length && /^-([HLP]|D|O\d*)$/.test(args[i]!)) i += args[i] === '-D' ? 2 : 1;
  const roots: string[] = [];
  while (i < args.length && !/^[-(!),]/.test(args[i]!)) roots.push(args[i++]!);
  let maxDepth = false;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (RUNS.has(a)) issues.push(hard(`find ${a} runs a command`));
    else if (WRITES.has(a)) issues.push(hard(`find ${a} ${a === '-delete' ? 'deletes files' : 'writes to a file'}`));
    else if (NO_ARG.has(a)) continue;
    else if (ONE_ARG.has(a) || DEPTH.has(a) || /^-newer[aBcmt][aBcmt]$/.test(a)) {
      const v = args[++i];
      if (v === undefined) issues.push(invalid(`find ${a} needs a value`));
      else if (DEPTH.has(a)) {
        const bad = integer()(v, `find ${a}`);
        if (bad) issues.push(bad);
        if (a === '-maxdepth') maxDepth = true;
      } else if (text(v, `find ${a}`)) issues.push(text(v, `find ${a}`)!);
    } else if (a === '-files0-from') {
      issues.push(unlisted('find -files0-from reads start points the policy has not seen', { kind: 'flag', word: a }));
      i++;
    } else if (a.startsWith('-')) issues.push(unlisted(`find ${a} is not a test or action the policy knows`, { kind: 'flag', word: a }));
    else issues.push(invalid(`find "${a}" is not part of an expression`));
  }
  if (!maxDepth) for (const r of roots.filter(isSystemRoot)) issues.push(invalid(`find ${r} without -maxdepth would read every file of the system`));
  return { issues, reads: 'find lists files' };
};
