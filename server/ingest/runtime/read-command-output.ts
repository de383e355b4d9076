/**
 * Reads a file of saved command outputs into runtime state. The file is cut into sections at prompt lines
 * (`$ kubectl get pods -n shop`); inside a section each output starts at a header row, a describe `Name:`
 * line, a `systemctl status` `●` line or a rollout status line, so outputs pasted without prompts are read
 * too. The prompt's command gives the namespace, the describe kind and free's units.
 */
import type { SourceText } from '../config/source-text';
import { parseYamlStream, type PNode } from '../config/yaml-tree';
import { parsePrompt, type CommandLine } from './command-line';
import { readDf, readFree } from './df-free';
import { readComposeV1, readDockerPs } from './docker-ps';
import { readDockerStats } from './docker-stats';
import { headerKind, isDescribeStart, isRolloutLine, statusUnitOf } from './headers';
import { readDescribeBlock } from './kubectl-describe';
import { readEventsTable } from './kubectl-events';
import { readKubectlGet } from './kubectl-get';
import { readRolloutStatus } from './kubectl-rollout';
import { isRolloutHistoryHeader, readRolloutHistory } from './kubectl-rollout-history';
import { readKubectlTop } from './kubectl-top';
import type { OutputProblem, ReadContext } from './read-context';
import { readSockets } from './sockets';
import { emptyRuntimeState, mergeRuntimeState, type RuntimeState } from './state';
import { runtimeStateFromObjects } from './status-objects';
import { readSystemctlStatus, readUnitList, STATUS_ATTRIBUTE } from './systemctl';

/** Reads every command output of `src`; never throws on unknown or cut-off output, reports it as problems. */
export function readCommandOutput(src: SourceText): { state: RuntimeState; problems: OutputProblem[] } {
  const lines = src.lines;
  const boundary: (boolean | undefined)[] = [];
  const ctx: ReadContext = {
    src,
    state: emptyRuntimeState(),
    problems: [],
    isBoundary: (i) => (boundary[i] ??= startsOutput(lines, i) || parsePrompt(lines[i] ?? '', i + 1) !== undefined),
  };
  let sectionStart = 0;
  let unread: number | undefined;
  let before = 0;
  const closeSection = (end: number): void => {
    const cmd = ctx.command;
    if (cmd && unread !== undefined && readsCommand(cmd) && !readAnything(ctx.state, before)) {
      ctx.problems.push({ line: unread + 1, message: `output of \`${clipCommand(cmd.text)}\` not recognised: not read` });
    }
    if (cmd && isObjectDump(cmd)) readObjectDump(ctx, sectionStart, end);
    unread = undefined;
  };
  for (let i = 0; i < lines.length; ) {
    const text = lines[i]!;
    if (text.trim() === '') {
      i++;
      continue;
    }
    const prompt = parsePrompt(text, i + 1);
    if (prompt) {
      closeSection(i);
      ctx.command = prompt;
      sectionStart = i + 1;
      before = counts(ctx.state);
      i++;
      continue;
    }
    if (ctx.command && isObjectDump(ctx.command)) {
      i++;
      continue;
    }
    const next = readOutput(ctx, i);
    if (next <= i && !QUIET.test(text)) unread ??= i;
    i = Math.max(next, i + 1);
  }
  closeSection(lines.length);
  return { state: ctx.state, problems: ctx.problems };
}

/** Lines a command prints instead of its output: no problem to report. */
const QUIET = /^(No resources found|Error from server|error:|Warning:|[WEI]\d{4} |Unable to connect|The connection to the server|\d+ loaded units listed|Active Internet connections|Active UNIX domain sockets)/;

function isObjectDump(cmd: CommandLine): boolean {
  return cmd.tool === 'kubectl' && [...cmd.flags].some((f) => /^o=(yaml|json)$/.test(f));
}

/** True when line `i` starts an output the readers know. */
function startsOutput(lines: readonly string[], i: number): boolean {
  const text = lines[i] ?? '';
  return headerKind(text) !== undefined || isDescribeStart(text) || isRolloutLine(text) || (/^[●○×*↻]/.test(text) && statusUnitOf(text) !== undefined);
}

/** Reads the output that starts at line `i`, if one does; returns the index after it (or `i` when none starts there). */
function readOutput(ctx: ReadContext, i: number): number {
  const lines = ctx.src.lines;
  const text = lines[i]!;
  const kind = headerKind(text);
  switch (kind) {
    case 'pods':
    case 'deployments':
    case 'statefulsets':
    case 'daemonsets':
    case 'replicasets':
    case 'services':
    case 'endpoints':
    case 'claims':
    case 'volumes':
    case 'nodes':
    case 'kubectl-other':
      return readKubectlGet(ctx, i, kind);
    case 'events':
      return readEventsTable(ctx, i);
    case 'top-pods':
    case 'top-containers':
    case 'top-nodes':
      return readKubectlTop(ctx, i, kind);
    case 'docker-ps':
      return readDockerPs(ctx, i, false);
    case 'compose-ps':
      return readDockerPs(ctx, i, true);
    case 'compose-ps-v1':
      return readComposeV1(ctx, i);
    case 'docker-stats':
      return readDockerStats(ctx, i);
    case 'unit-list':
      return readUnitList(ctx, i);
    case 'df':
      return readDf(ctx, i);
    case 'free':
      return readFree(ctx, i);
    case 'sockets':
      return readSockets(ctx, i);
    case undefined:
      break;
  }
  if (isDescribeStart(text)) return readDescribeBlock(ctx, i);
  if (statusUnitOf(text) !== undefined && (/^[●○×*↻]/.test(text) || /^\s+(Loaded|Active):/.test(lines[i + 1] ?? ''))) return readSystemctlStatus(ctx, i);
  if (isRolloutLine(text)) return readRolloutStatus(ctx, i);
  if (isRolloutHistoryHeader(ctx, text)) return readRolloutHistory(ctx, i);
  if (ctx.command?.tool === 'systemctl' && ctx.command.verb === 'status' && ctx.command.names.length > 0 && STATUS_ATTRIBUTE.test(text)) return readSystemctlStatus(ctx, i);
  return i;
}

/** A `kubectl get -o yaml|json` dump pasted under its prompt: parsed in place, so positions stay those of the file. */
function readObjectDump(ctx: ReadContext, start: number, end: number): void {
  const body = ctx.src.lines.slice(start, end).join('\n');
  if (!/^\s*(apiVersion:|\{)/.test(body)) return;
  const { documents, problems } = parseYamlStream('\n'.repeat(start) + body);
  for (const p of problems) ctx.problems.push({ line: p.line, message: `kubectl get output: ${p.message}` });
  const docs = documents.filter((d): d is PNode => d !== null);
  mergeRuntimeState(ctx.state, runtimeStateFromObjects(docs, ctx.src));
}

/** The commands whose output the readers claim to read. */
function readsCommand(cmd: CommandLine): boolean {
  if (cmd.tool === 'kubectl') {
    const verb = cmd.verb === 'rollout' && !cmd.flags.has('rollout=status') && !cmd.flags.has('rollout=history') ? undefined : cmd.verb;
    return ['get', 'describe', 'top', 'rollout', 'events'].includes(verb ?? '') && ![...cmd.flags].some((f) => f.startsWith('o=') && f !== 'o=wide');
  }
  if (cmd.tool === 'docker') return cmd.verb === 'ps' || cmd.verb === 'stats';
  if (cmd.tool === 'compose') return cmd.args.includes('ps');
  if (cmd.tool === 'systemctl') return cmd.verb === 'status' || cmd.verb === 'list-units' || cmd.flags.has('failed');
  return cmd.tool === 'df' || cmd.tool === 'free' || cmd.tool === 'ss' || cmd.tool === 'netstat';
}

function counts(state: RuntimeState): number {
  return Object.values(state).reduce((n: number, list: unknown[]) => n + list.length, 0);
}

function readAnything(state: RuntimeState, before: number): boolean {
  return counts(state) > before;
}

function clipCommand(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
