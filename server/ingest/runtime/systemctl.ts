/**
 * `systemctl status UNIT` blocks (the `●` line, Loaded / Active / Main PID / Process / Memory lines and the
 * journal tail below them) and `systemctl list-units` / `--failed` tables.
 */
import { statusUnitOf } from './headers';
import type { ReadContext } from './read-context';
import type { UnitState } from './state';
import { parseHumanBytes } from './units';

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15 };

/** A journal line: `Nov 20 10:01:12 host unit[1]: ...` or an ISO timestamp. */
const JOURNAL_LINE = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/;

/**
 * The exit code of a process as systemd describes it: `code=exited, status=1/FAILURE` -> 1;
 * `code=killed, signal=KILL` or `code=killed, status=9/KILL` -> 137 (128 + signal); undefined when it shows none.
 */
export function systemdExitCode(text: string): number | undefined {
  const signal = /signal=(?:SIG)?([A-Z0-9]+)/.exec(text)?.[1];
  if (signal) return 128 + (SIGNALS[signal] ?? (Number(signal) || 0));
  const status = /status=(\d+)(?:\/([A-Z0-9]+))?/.exec(text);
  if (!status) return undefined;
  if (/code=(killed|dumped)/.test(text)) return 128 + Number(status[1]);
  return Number(status[1]);
}

/** A line of a `systemctl status` block below its `●` line. */
export const STATUS_ATTRIBUTE = /^\s+(?:Loaded|Active|Main PID|Process|Tasks|Memory|CPU|CGroup|Docs|TriggeredBy|Drop-In):\s/;

/**
 * Reads the `systemctl status` block whose `●` line is at 0-based `index` (or, for output cut above that
 * line, `systemctl status x | sed -n 3,6p`, whose first attribute line is there: the unit is the command's);
 * returns the index after it.
 */
export function readSystemctlStatus(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  const head = lines[index]!;
  const named = statusUnitOf(head);
  const asked = ctx.command?.tool === 'systemctl' ? ctx.command.names[0] : undefined;
  const name = named ?? (asked && !asked.includes('.') ? `${asked}.service` : (asked ?? 'unknown'));
  const unit: UnitState = { name, active: 'unknown', evidence: ctx.src.evidence(index + 1) };
  const description = named ? / - (.+)$/.exec(head)?.[1] : undefined;
  if (description) unit.description = description.trim();
  let i = named ? index + 1 : index;
  let processExit: number | undefined;
  for (; i < lines.length && lines[i]!.trim() !== '' && !ctx.isBoundary(i) && !isUnitLine(lines[i]!); i++) {
    const m = /^\s*([A-Z][\w ]*?):\s+(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'Loaded') unit.load = value.split(/\s/)[0]!;
    else if (key === 'Active') readActive(unit, value, ctx.src.evidence(i + 1, lines[i]!.indexOf(value) + 1));
    else if (key === 'Main PID') {
      const code = systemdExitCode(value);
      if (code !== undefined) unit.exitCode = code;
    } else if (key === 'Process') {
      const code = systemdExitCode(value);
      if (code !== undefined && code !== 0) processExit = code;
    } else if (key === 'Memory') {
      const used = parseHumanBytes(value.split(/\s/)[0]!);
      if (used !== undefined) unit.memoryBytes = used;
      const max = parseHumanBytes(/\b(?:max|limit): (\S+?)[,)\s]/.exec(value)?.[1] ?? '');
      if (max !== undefined) unit.memoryMaxBytes = max;
    }
  }
  // The journal tail, after one blank line.
  let j = i;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  if (j > i && j < lines.length && JOURNAL_LINE.test(lines[j]!) && !ctx.isBoundary(j)) {
    for (i = j; i < lines.length && lines[i]!.trim() !== '' && !ctx.isBoundary(i) && !isUnitLine(lines[i]!); i++) {
      const text = lines[i]!;
      const counter = /restart counter is at (\d+)/.exec(text);
      if (counter) unit.restarts = Number(counter[1]);
      const result = /Failed with result '([\w-]+)'/.exec(text);
      if (result && unit.result === undefined) unit.result = result[1]!;
      if (unit.exitCode === undefined && /Main process exited/.test(text)) {
        const code = systemdExitCode(text);
        if (code !== undefined) unit.exitCode = code;
      }
    }
  }
  if (unit.exitCode === undefined && processExit !== undefined) unit.exitCode = processExit;
  unit.evidence.note = `${name}: ${unit.active}${unit.sub ? ` (${unit.sub})` : ''}${unit.result ? `, result ${unit.result}` : ''}`;
  ctx.state.units.push(unit);
  return i;
}

function isUnitLine(text: string): boolean {
  return /^[●○×*↻]/.test(text) && statusUnitOf(text) !== undefined;
}

function readActive(unit: UnitState, value: string, evidence: UnitState['evidence']): void {
  unit.evidence = evidence;
  unit.active = value.split(/\s/)[0]!;
  const sub = /^\S+ \(([\w-]+)\)/.exec(value)?.[1];
  if (sub) unit.sub = sub;
  const result = /\(Result: ([\w-]+)\)/.exec(value)?.[1];
  if (result) unit.result = result;
  const since = /\bsince (.+?);/.exec(value)?.[1];
  if (since) unit.since = since;
}

/** Reads the `systemctl list-units` table whose header is at 0-based `index`; returns the index after it. */
export function readUnitList(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  const header = lines[index]!;
  const activeColumn = header.indexOf('ACTIVE');
  const hasJob = /\bJOB\b/.test(header);
  let i = index + 1;
  for (; i < lines.length && lines[i]!.trim() !== '' && !ctx.isBoundary(i); i++) {
    const text = lines[i]!;
    const m = /^\s*[●○×*]?\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(text);
    if (!m || !/\.\w+$/.test(m[1]!)) {
      ctx.problems.push({ line: i + 1, message: 'systemctl list-units row not read: expected UNIT LOAD ACTIVE SUB DESCRIPTION' });
      continue;
    }
    let description = m[5]!;
    if (hasJob) description = description.replace(/^(start|stop|restart|reload|verify-active)\s+/, '');
    const column = text.length > activeColumn && activeColumn >= 0 ? text.indexOf(m[3]!, Math.max(0, activeColumn - 2)) + 1 : undefined;
    const unit: UnitState = { name: m[1]!, load: m[2]!, active: m[3]!, sub: m[4]!, evidence: ctx.src.evidence(i + 1, column, `${m[1]}: ${m[3]} (${m[4]})`) };
    if (description) unit.description = description;
    ctx.state.units.push(unit);
  }
  return i;
}
