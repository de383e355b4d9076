/**
 * Reads an argv the way the tool will: `--flag=value` and `--flag value`, clusters of short flags (`-sSL`,
 * `-XPOST`), pflag's `-n=value`, the long-option abbreviations getopt_long and curl accept (`--data-b`), and
 * `--` after which everything is positional. Every flag is looked up in the tool's table; a flag the table
 * does not know is an `unlisted` problem and is read as taking no value, so that every later word is still
 * checked as a flag or a positional of its own.
 */
import { hard, invalid, unlisted, type Issue } from './decision';

/** One flag of a tool's table. */
export interface FlagDef {
  /** Every spelling, short and long: ['-n', '--namespace']. The first long one names the flag. */
  names: readonly string[];
  /** Takes a value (the next word, the rest of a short cluster, or after `=`). */
  takesValue: boolean;
  /** The value may only be attached (`--color=never`), as getopt's optional arguments. */
  optionalValue?: boolean;
  /** With `optionalValue`: the next word is the value when it matches (journalctl's `-n 20`, `-b -1`). */
  nextIfMatches?: RegExp;
  /** Checks a value; `flag` is "tool spelled-flag" for the message. */
  check?: (value: string, flag: string) => Issue | undefined;
  /** A known flag that is refused: the problem, given "tool spelled-flag" and the value if any. */
  refuse?: (flag: string, value: string | undefined) => Issue | undefined;
}

/** How the tool reads its flags. */
export interface ParseOptions {
  /** The tool's name, for messages. */
  tool: string;
  /** pflag (kubectl, docker): `-n=value` attaches a value and booleans take `--flag=false`. */
  pflag?: boolean;
  /** getopt_long and curl: an unambiguous prefix of a long option is that option. */
  abbreviations?: boolean;
  /** The first positional ends the flags (redis-cli, POSIX getopt): the rest are positionals. */
  stopAtPositional?: boolean;
  /** The problem of a flag the table does not know, given "tool spelled-flag". Default: `unlisted`, naming the flag. */
  unknownFlag?: (flag: string) => Issue;
}

/** A flag as it appears in the argv. */
export interface FlagUse {
  /** The flag's definition, or undefined when the table does not know it. */
  def: FlagDef | undefined;
  /** The flag's name: the definition's first long spelling, or as written without its value. */
  name: string;
  /** As written, e.g. "--req" for an abbreviation of "--request". */
  spelled: string;
  value?: string;
}

/** The flags, the positionals and the problems of an argv. */
export interface ParsedArgv {
  flags: FlagUse[];
  positionals: string[];
  issues: Issue[];
}

/** A tool's flags, looked up by any spelling. */
export class FlagTable {
  private readonly byName = new Map<string, FlagDef>();
  private readonly longNames: string[] = [];

  constructor(defs: readonly FlagDef[]) {
    for (const d of defs) {
      for (const n of d.names) {
        this.byName.set(n, d);
        if (n.startsWith('--')) this.longNames.push(n);
      }
    }
  }

  /** The definition spelled exactly `name`. */
  get(name: string): FlagDef | undefined {
    return this.byName.get(name);
  }

  /** Long spellings starting with `prefix`, for abbreviations. */
  longStartingWith(prefix: string): string[] {
    return this.longNames.filter((n) => n.startsWith(prefix));
  }

  /** A table with these definitions added (later ones win). */
  with(defs: readonly FlagDef[]): FlagTable {
    return new FlagTable([...new Set(this.byName.values()), ...defs]);
  }
}

/** The name a flag is known by: its first long spelling, else its first. */
export function flagName(def: FlagDef): string {
  return def.names.find((n) => n.startsWith('--')) ?? def.names[0]!;
}

const split = (spec: string): string[] => spec.split(/\s+/).filter(Boolean);

/** A flag without a value. */
export const bool = (spec: string): FlagDef => ({ names: split(spec), takesValue: false });

/** A flag with a value, checked by `check` when given. */
export const withValue = (spec: string, check?: FlagDef['check']): FlagDef =>
  check ? { names: split(spec), takesValue: true, check } : { names: split(spec), takesValue: true };

/** A flag whose value may only be attached with `=`. */
export const optionalValue = (spec: string, check?: FlagDef['check']): FlagDef => ({ ...withValue(spec, check), optionalValue: true });

/** A flag that never ends the command unless set to false (`--watch`, `--follow`): an `unlisted` read. */
export const neverEnds = (spec: string): FlagDef => {
  const names = split(spec);
  const word = flagName({ names, takesValue: false });
  return {
    names,
    takesValue: false,
    refuse: (flag, value) => (value !== undefined && /^(false|0|f)$/i.test(value) ? undefined : unlisted(`${flag} never ends`, { kind: 'flag', word })),
  };
};

/** A known flag refused outright: `why` completes "tool flag ...", e.g. "writes the response to a file". */
export const refuseFlag = (spec: string, why: string, opts: { takesValue?: boolean; severity?: 'hard' | 'unlisted' } = {}): FlagDef => {
  const names = split(spec);
  return {
    names,
    takesValue: opts.takesValue ?? false,
    refuse: (flag, value) => {
      if (opts.severity !== 'unlisted') return hard(`${flag} ${why}`);
      const word = flagName({ names, takesValue: false });
      return unlisted(`${flag} ${why}`, value === undefined ? { kind: 'flag', word } : { kind: 'flag', word, value });
    },
  };
};

const BOOL_VALUES = new Set(['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False']);

/** Parses `args` (the argv without the tool) against `table`. */
export function parseArgv(args: readonly string[], table: FlagTable, opts: ParseOptions): ParsedArgv {
  const out: ParsedArgv = { flags: [], positionals: [], issues: [] };
  const use = (def: FlagDef | undefined, name: string, spelled: string, value: string | undefined) => {
    const label = `${opts.tool} ${spelled}${def && spelled !== name && spelled.startsWith('--') ? ` (${name})` : ''}`;
    const u: FlagUse = value === undefined ? { def, name, spelled } : { def, name, spelled, value };
    out.flags.push(u);
    if (!def && opts.unknownFlag) {
      out.issues.push(opts.unknownFlag(label));
    } else if (!def) {
      out.issues.push(unlisted(`${label} is not a flag the policy knows`, value === undefined ? { kind: 'flag', word: name } : { kind: 'flag', word: name, value }));
    } else if (def.refuse) {
      const issue = def.refuse(label, value);
      if (issue) out.issues.push(issue);
    } else if (def.takesValue && value !== undefined && def.check) {
      const issue = def.check(value, label);
      if (issue) out.issues.push(issue);
    } else if (!def.takesValue && value !== undefined && !(opts.pflag && BOOL_VALUES.has(value))) {
      out.issues.push(invalid(`${label} takes no value, got "${value}"`));
    }
  };

  let onlyPositionals = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (onlyPositionals || a === '-' || !a.startsWith('-')) {
      out.positionals.push(a);
      if (opts.stopAtPositional) onlyPositionals = true;
      continue;
    }
    if (a === '--') {
      onlyPositionals = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const spelled = eq < 0 ? a : a.slice(0, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      const def = lookupLong(spelled, table, opts, out.issues);
      let value = inline;
      if (def?.takesValue && inline === undefined && !def.optionalValue) {
        if (i + 1 < args.length) value = args[++i]!;
        else out.issues.push(invalid(`${opts.tool} ${spelled} needs a value`));
      } else if (def?.nextIfMatches && inline === undefined && def.nextIfMatches.test(args[i + 1] ?? '')) value = args[++i]!;
      use(def, def ? flagName(def) : spelled, spelled, value);
      continue;
    }
    // A cluster of short flags: each letter a flag, until one that takes a value takes the rest.
    for (let j = 1; j < a.length; j++) {
      const spelled = `-${a[j]}`;
      const def = table.get(spelled);
      if (opts.pflag && a[j + 1] === '=') {
        use(def, def ? flagName(def) : spelled, spelled, a.slice(j + 2));
        break;
      }
      if (def?.takesValue && !def.optionalValue) {
        let value: string | undefined = a.slice(j + 1);
        if (value === '') {
          if (i + 1 < args.length) value = args[++i]!;
          else {
            out.issues.push(invalid(`${opts.tool} ${spelled} needs a value`));
            value = undefined;
          }
        }
        use(def, flagName(def), spelled, value);
        break;
      }
      if (def?.optionalValue && j + 1 < a.length) {
        use(def, flagName(def), spelled, a.slice(j + 1));
        break;
      }
      if (def?.nextIfMatches && j + 1 === a.length && def.nextIfMatches.test(args[i + 1] ?? '')) {
        use(def, flagName(def), spelled, args[++i]!);
        break;
      }
      use(def, def ? flagName(def) : spelled, spelled, undefined);
    }
  }
  return out;
}

/** The definition of a long flag, exact or, where the tool accepts them, by unambiguous abbreviation. */
function lookupLong(spelled: string, table: FlagTable, opts: ParseOptions, issues: Issue[]): FlagDef | undefined {
  const exact = table.get(spelled);
  if (exact || !opts.abbreviations || spelled.length < 3) return exact;
  const candidates = table.longStartingWith(spelled);
  const defs = [...new Set(candidates.map((c) => table.get(c)!))];
  if (defs.length <= 1) return defs[0];
  // Ambiguous: the tool itself would refuse it, but a refused candidate is named so the reason is the real one.
  const refused = defs.find((d) => d.refuse?.('', undefined)?.severity === 'hard');
  if (refused) return refused;
  issues.push(invalid(`${opts.tool} ${spelled} is an ambiguous abbreviation of ${candidates.join(', ')}`));
  return undefined;
}

/** The uses of the flag named `name` (its first long spelling). */
export const usesOf = (parsed: ParsedArgv, name: string): FlagUse[] => parsed.flags.filter((f) => f.name === name);

/** True when the flag named `name` appears (and, for booleans, is not set to false). */
export const hasFlag = (parsed: ParsedArgv, name: string): boolean =>
  usesOf(parsed, name).some((f) => f.value === undefined || f.def?.takesValue || !/^(false|0|f)$/i.test(f.value));

/** The last value given to the flag named `name`. */
export const valueOf = (parsed: ParsedArgv, name: string): string | undefined => usesOf(parsed, name).findLast((f) => f.value !== undefined)?.value;
