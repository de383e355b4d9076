/**
 * Allowlist entries from settings. An entry names a tool and the subcommands and flags it adds; it widens
 * only `unlisted` problems (reads the built-in allowlist does not know), never a hard refusal: a refused tool,
 * a write, a credential redirect or a secret stays refused whatever the settings say. Credential overrides
 * such as kubectl's `--context` are allowed the same way, best pinned to one value: "--context=staging".
 */
import { invalid, unlisted, type Issue, type ToolVerdict, type Widening } from './decision';
import { refusedToolReason } from './refused-tools';

/** One settings entry. */
export interface ExtraAllowedEntry {
  /** The tool, a bare name such as "kubectl" or "xfs_info". */
  tool: string;
  /**
   * Subcommands allowed beyond the built-in list, words joined by one space ("wait", "XINFO STREAM"); an entry
   * also allows what follows it ("XINFO" allows "XINFO STREAM"). Compared without regard to case.
   */
  subcommands?: string[];
  /** Flags allowed beyond the built-in list: "--context" with any value, "--context=staging" with this one only. */
  flags?: string[];
}

/** Entries that passed validation, and one line per entry that was dropped. */
export interface ExtraAllowed {
  entries: ExtraAllowedEntry[];
  problems: string[];
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0 && !/[\0-\x1f]/.test(s));

/** Validates raw settings values: drops entries of the wrong shape and entries naming an always-refused tool. */
export function readExtraAllowed(raw: unknown): ExtraAllowed {
  const out: ExtraAllowed = { entries: [], problems: [] };
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) return { entries: [], problems: [`extraAllowed: expected a list of {tool, subcommands?, flags?}, got ${typeof raw}`] };
  raw.forEach((e: unknown, i) => {
    const entry = e as Partial<Record<keyof ExtraAllowedEntry, unknown>> | null;
    if (typeof entry !== 'object' || entry === null || typeof entry.tool !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(entry.tool)) {
      out.problems.push(`extraAllowed[${i}]: expected {tool: a bare command name, ...}, got ${JSON.stringify(e)}`);
      return;
    }
    const refused = refusedToolReason(entry.tool);
    if (refused) {
      out.problems.push(`extraAllowed[${i}]: ignored, ${refused}`);
      return;
    }
    if ((entry.subcommands !== undefined && !isStringArray(entry.subcommands)) || (entry.flags !== undefined && !isStringArray(entry.flags))) {
      out.problems.push(`extraAllowed[${i}]: subcommands and flags must be lists of strings`);
      return;
    }
    const clean: ExtraAllowedEntry = { tool: entry.tool };
    if (entry.subcommands) clean.subcommands = entry.subcommands.map((s) => s.trim().split(/\s+/).join(' '));
    if (entry.flags) clean.flags = entry.flags;
    out.entries.push(clean);
  });
  return out;
}

/** True when an entry for `tool` allows the word of an `unlisted` problem. */
export function covers(entries: readonly ExtraAllowedEntry[], tool: string, w: Widening): boolean {
  return entries.some((e) => {
    if (e.tool !== tool) return false;
    if (w.kind === 'subcommand') {
      const word = w.word.toLowerCase();
      return (e.subcommands ?? []).some((s) => word === s.toLowerCase() || word.startsWith(`${s.toLowerCase()} `));
    }
    return (e.flags ?? []).some((f) => f === w.word || (w.value !== undefined && f === `${w.word}=${w.value}`));
  });
}

/**
 * The check of a tool that has no module of its own but has settings entries: every flag must be one an
 * entry names (a value written as a separate word is read as a positional), and where entries name
 * subcommands, the positionals must start with one of them.
 */
export function checkExtraTool(tool: string, args: readonly string[], entries: readonly ExtraAllowedEntry[]): ToolVerdict {
  const issues: Issue[] = [];
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (const a of args) {
    if (!onlyPositionals && a === '--') onlyPositionals = true;
    else if (!onlyPositionals && a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      const w: Widening = eq < 0 ? { kind: 'flag', word: a } : { kind: 'flag', word: a.slice(0, eq), value: a.slice(eq + 1) };
      issues.push(unlisted(`${tool} ${w.word} is not a flag the settings allow`, w));
    } else positionals.push(a);
  }
  const subcommands = entries.flatMap((e) => e.subcommands ?? []);
  if (subcommands.length > 0) {
    const said = positionals.join(' ').toLowerCase();
    const ok = subcommands.some((s) => said === s.toLowerCase() || said.startsWith(`${s.toLowerCase()} `));
    if (!ok) issues.push(invalid(`${tool} ${positionals[0] ?? '(no subcommand)'} is not a subcommand the settings allow`));
  }
  return { issues, reads: `${tool} is allowed by the extraAllowed setting` };
}
