/**
 * `ProbePolicy`: decides whether an argv is a read-only probe (see index.ts for what it refuses). The
 * decision is made on the argv alone, in order: every word is free of control characters; argv[0] is a bare
 * name, not a path; it is not an always-refused tool; its module (or a settings entry) finds no problem that
 * settings cannot allow; and only then is the binary looked up in the fixed directories.
 */
import { invalid, hard, unlisted, worst, type Issue, type PolicyDecision, type ToolVerdict, type Widening } from './decision';
import { fixedDirectoryResolver, FIXED_BIN_DIRS, type BinaryResolver } from './binary-resolver';
import { checkExtraTool, covers, readExtraAllowed, type ExtraAllowedEntry } from './extra-allowed';
import { refusedToolReason } from './refused-tools';
import { TOOL_CHECKS } from './tools';

/** What a `ProbePolicy` is built from. */
export interface ProbePolicyOptions {
  /** Settings entries widening the allowlist (validated here; bad entries land in `settingsProblems`). Default none. */
  extraAllowed?: unknown;
  /** Finds a tool's binary. Default: the first executable file named so in FIXED_BIN_DIRS. */
  resolve?: BinaryResolver;
  /** The directories named when a tool is not installed. Default FIXED_BIN_DIRS. */
  searchedDirs?: readonly string[];
}

const CONTROL = /[\0-\x08\n-\x1f\x7f\u2028\u2029]/;
const CONTROL_ALL = /[\0-\x1f\x7f\u2028\u2029]/g;
const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** Classifies argvs as read-only probes or not. */
export class ProbePolicy {
  /** One line per settings entry that was dropped (wrong shape, or an always-refused tool). */
  readonly settingsProblems: readonly string[];
  private readonly entries: readonly ExtraAllowedEntry[];
  private readonly resolve: BinaryResolver;
  private readonly searchedDirs: readonly string[];

  constructor(options: ProbePolicyOptions = {}) {
    const extra = readExtraAllowed(options.extraAllowed);
    this.entries = extra.entries;
    this.settingsProblems = extra.problems;
    this.resolve = options.resolve ?? fixedDirectoryResolver();
    this.searchedDirs = options.searchedDirs ?? FIXED_BIN_DIRS;
  }

  /** The decision about `argv` (argv[0] the tool). Never throws. */
  check(argv: readonly string[]): PolicyDecision {
    if (!Array.isArray(argv) || argv.length === 0) return { allowed: false, reason: 'an empty command' };
    if (argv.some((a) => typeof a !== 'string')) return { allowed: false, reason: 'every word of the command must be a string' };
    const tool = argv[0]!;
    const { problem, widened, reads } = this.judge(tool, argv.slice(1));
    if (problem) return { allowed: false, reason: problem.reason.replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) };
    const resolvedPath = this.resolve(tool);
    if (!resolvedPath) return { allowed: false, reason: `${tool} is not installed (looked in ${this.searchedDirs.join(', ')})` };
    const extra = widened.length ? ` (extraAllowed allows ${[...new Set(widened.map((w) => w.word))].join(', ')})` : '';
    return { allowed: true, reason: `${reads}${extra}`, tool, resolvedPath };
  }

  /** The problem to report about `tool args` (none when settings allow every unlisted one), and the widened words. */
  private judge(tool: string, args: readonly string[]): { problem?: Issue; widened: Widening[]; reads: string } {
    const issues: Issue[] = [];
    let reads = '';
    [tool, ...args].forEach((a, i) => {
      if (CONTROL.test(a)) issues.push(invalid(`${i === 0 ? 'the tool' : `argument ${i}`} ${JSON.stringify(a)} holds a newline or control character`));
    });
    if (tool.includes('/')) issues.push(hard(`${tool} is a path: a probe names a bare tool, looked up in ${this.searchedDirs.join(', ')}`));
    else if (!BARE_NAME.test(tool)) issues.push(invalid(`${JSON.stringify(tool)} is not a tool name`));
    else {
      const refused = refusedToolReason(tool);
      if (refused) issues.push(hard(refused));
      else {
        const verdict = this.verdict(tool, args);
        issues.push(...verdict.issues);
        reads = verdict.reads;
      }
    }
    const isWidened = (i: Issue) => i.severity === 'unlisted' && i.widen !== undefined && covers(this.entries, tool, i.widen);
    const problem = worst(issues.filter((i) => !isWidened(i)));
    return { ...(problem ? { problem } : {}), widened: issues.filter(isWidened).map((i) => i.widen!), reads };
  }

  private verdict(tool: string, args: readonly string[]): ToolVerdict {
    if (Object.hasOwn(TOOL_CHECKS, tool)) return TOOL_CHECKS[tool]!(args);
    const entries = this.entries.filter((e) => e.tool === tool);
    if (entries.length > 0) return checkExtraTool(tool, args, entries);
    return { issues: [unlisted(`${tool} is not a tool the policy knows`)], reads: '' };
  }
}
