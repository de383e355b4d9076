/**
 * sed: scripts that print. The script is read command by command: `w`/`W` and the `w` flag of `s` write
 * files, `e` and the `e` flag of `s` run commands, so they are refused; `r`/`R` read another file, which must
 * pass the path check. Refused flags: `-i`/`--in-place` (edits files, in any spelling: `-i.bak`, `-ni`,
 * `--in-pl`) and `-f` (a script the policy has not seen).
 */
import { hard, invalid, type Issue, type ToolCheck } from '../decision';
import { bool, FlagTable, parseArgv, refuseFlag, usesOf, withValue } from '../argv-parser';
import { integer, readPath, text } from '../values';

const TABLE = new FlagTable([
  ...['-n --quiet --silent', '--debug', '--follow-symlinks', '-E -r --regexp-extended', '-s --separate', '--sandbox', '-u --unbuffered', '-z --null-data', '--posix', '--help',
    '--version'].map(bool),
  withValue('-e --expression', text),
  withValue('-l --line-length', integer()),
  { ...refuseFlag('-i --in-place', 'edits files in place'), optionalValue: true, takesValue: true },
  refuseFlag('-f --file', 'reads a script the policy has not seen', { takesValue: true }),
]);

/** The problems of a sed script (GNU syntax). */
export function sedScriptIssues(script: string): Issue[] {
  const issues: Issue[] = [];
  const n = script.length;
  let i = 0;
  const skipSpace = () => {
    while (i < n && /[ \t]/.test(script[i]!)) i++;
  };
  /** Reads a delimited part starting after the delimiter; returns false when unterminated. */
  const delimited = (d: string): boolean => {
    while (i < n && script[i] !== d) i += script[i] === '\\' ? 2 : 1;
    if (i >= n) return false;
    i++;
    return true;
  };
  const restOfLine = (): string => {
    const start = i;
    while (i < n && script[i] !== '\n') i++;
    return script.slice(start, i).trim();
  };
  const upToSemicolon = () => {
    while (i < n && script[i] !== ';' && script[i] !== '\n' && script[i] !== '}') i++;
  };
  const address = () => {
    if (/\d/.test(script[i] ?? '')) {
      while (/[\d~]/.test(script[i] ?? '')) i++;
    } else if (script[i] === '$') i++;
    else if (script[i] === '/' || script[i] === '\\') {
      const d = script[i] === '\\' ? script[++i]! : '/';
      i++;
      if (!delimited(d)) throw new Error('an unterminated address');
      while (/[IM]/.test(script[i] ?? '')) i++;
    } else if (/[+~]/.test(script[i] ?? '')) {
      i++;
      while (/\d/.test(script[i] ?? '')) i++;
    }
  };
  try {
    while (i < n) {
      skipSpace();
      const c0 = script[i];
      if (c0 === undefined) break;
      if (c0 === ';' || c0 === '\n' || c0 === '}') {
        i++;
        continue;
      }
      if (c0 === '#') {
        restOfLine();
        continue;
      }
      address();
      skipSpace();
      if (script[i] === ',') {
        i++;
        skipSpace();
        address();
        skipSpace();
      }
      while (script[i] === '!' || script[i] === ' ') i++;
      const cmd = script[i++];
      if (cmd === undefined) throw new Error('an address without a command');
      if ('=dDgGhHnNpPxzF{'.includes(cmd)) continue;
      if ('lLqQ'.includes(cmd)) {
        skipSpace();
        while (/\d/.test(script[i] ?? '')) i++;
      } else if ('aic'.includes(cmd)) restOfLine();
      else if (':btTv'.includes(cmd)) upToSemicolon();
      else if (cmd === 'r' || cmd === 'R') {
        const file = restOfLine();
        const bad = readPath(file, `sed ${cmd}`);
        if (bad) issues.push(bad);
      } else if (cmd === 'w' || cmd === 'W') {
        issues.push(hard(`sed ${cmd} ${restOfLine()} writes a file`));
      } else if (cmd === 'e') {
        issues.push(hard(`sed e runs a command`));
        restOfLine();
      } else if (cmd === 's' || cmd === 'y') {
        const d = script[i++];
        if (d === undefined || d === '\n' || d === '\\') throw new Error(`${cmd} without a delimiter`);
        if (!delimited(d) || !delimited(d)) throw new Error(`an unterminated ${cmd} command`);
        if (cmd === 's') {
          while (i < n && /[gpiImMe0-9w]/.test(script[i]!)) {
            const f = script[i++]!;
            if (f === 'e') issues.push(hard('sed s///e runs the pattern space as a command'));
            if (f === 'w') {
              issues.push(hard(`sed s///w ${restOfLine()} writes a file`));
              break;
            }
          }
        }
      } else throw new Error(`unknown command ${cmd}`);
    }
  } catch (err) {
    issues.push(invalid(`sed script could not be read: ${(err as Error).message}`));
  }
  return issues;
}

/** Checks a sed argv (without "sed"). */
export const checkSed: ToolCheck = (args) => {
  const parsed = parseArgv(args, TABLE, { tool: 'sed', abbreviations: true });
  const issues = [...parsed.issues];
  const expressions = usesOf(parsed, '--expression').flatMap((u) => u.value ?? []);
  const fromFile = usesOf(parsed, '--file').length > 0;
  const scripts = expressions.length || fromFile ? expressions : parsed.positionals.slice(0, 1);
  const files = expressions.length || fromFile ? parsed.positionals : parsed.positionals.slice(1);
  if (scripts.length === 0 && !fromFile) issues.push(invalid('sed needs a script'));
  for (const s of scripts) issues.push(...sedScriptIssues(s));
  for (const f of files) {
    const bad = readPath(f, 'sed');
    if (bad) issues.push(bad);
  }
  return { issues, reads: 'sed prints edited copies of files' };
};
