/**
 * Facts of a Dockerfile: the runtime image (the last stage of a multi-stage build, following `FROM <stage>`
 * to the base image), the ports it EXPOSEs, its ENV settings, the command it runs (ENTRYPOINT + CMD, exec
 * and shell forms) and its HEALTHCHECK, as a workload of kind `Dockerfile` named after the component it
 * builds. Lines continued with `\` (or the `# escape=` character) are read as one instruction.
 */
import { emptyFacts, type ConfigFacts, type ContainerFact, type SettingFact } from './facts';
import { findEndpoints, isLoopback, parsePort } from './endpoints';
import { portFromCommand } from './compose';
import type { SourceText } from './source-text';
import type { Evidence } from '../../protocol';

/** One instruction, its continuation lines joined, and where each part of the joined text came from. */
interface Instruction {
  keyword: string;
  /** The arguments: the text after the keyword, continuation lines joined. */
  args: string;
  line: number;
  /** Maps an offset of `args` to its line and column in the file. */
  position(offset: number): { line: number; column: number };
}

/** What a stage has set so far; a stage built `FROM` another starts with a copy of it. */
interface StageState {
  image: string;
  imageEvidence: Evidence;
  env: SettingFact[];
  exposed: { port: number; evidence: Evidence }[];
  entrypoint?: { words: string[]; shell: boolean; evidence: Evidence };
  cmd?: { words: string[]; shell: boolean; evidence: Evidence };
  healthcheck?: { command: string[]; evidence: Evidence };
  vars: Map<string, string>;
}

/**
 * Facts of a Dockerfile building `owner`: ENV lines of the runtime stage become settings, with `$ARG` /
 * `${ENV}` references substituted where known (owner may be undefined); with an owner, EXPOSE lines become listeners (`dockerfile-expose`) and the runtime stage a
 * `Dockerfile` workload with one container. Never throws.
 */
export function dockerfileFacts(src: SourceText, owner: string | undefined): ConfigFacts {
  const facts = emptyFacts();
  const globalArgs = new Map<string, string>();
  const stages: { alias?: string; state: StageState }[] = [];
  let current: StageState | undefined;
  for (const ins of instructions(src)) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+as\s+(\S+))?/i.exec(ins.args);
      if (!m) continue;
      const written = substitute(m[1]!, globalArgs);
      const parent = stages.find((s) => s.alias !== undefined && s.alias === written.toLowerCase());
      const evidence = src.evidence(ins.line, ins.position(m.index + m[0].indexOf(m[1]!)).column);
      current = parent
        ? { ...parent.state, env: [...parent.state.env], exposed: [...parent.state.exposed], vars: new Map(parent.state.vars) }
        : { image: written, imageEvidence: evidence, env: [], exposed: [], vars: new Map(globalArgs) };
      stages.push({ ...(m[2] ? { alias: m[2].toLowerCase() } : {}), state: current });
      continue;
    }
    if (!current) {
      if (ins.keyword === 'ARG') for (const [k, v] of assignments(ins)) globalArgs.set(k, v.value);
      continue;
    }
    const state = current;
    const evidence = (offset: number): Evidence => {
      const pos = ins.position(offset);
      return src.evidence(pos.line, pos.column);
    };
    if (ins.keyword === 'ARG') {
      for (const [k, v] of assignments(ins)) if (!state.vars.has(k) || v.value !== '') state.vars.set(k, v.value);
    } else if (ins.keyword === 'ENV') {
      for (const [key, v] of assignments(ins)) {
        // The image holds the value with ARG and earlier ENV values substituted, as the process sees it.
        const value = v.literal ? v.value : substitute(v.value, state.vars);
        state.env = state.env.filter((s) => s.key !== key);
        state.env.push({ owner, key, value, evidence: evidence(v.offset) });
        state.vars.set(key, value);
      }
    } else if (ins.keyword === 'EXPOSE') {
      for (const m of ins.args.matchAll(/\S+/g)) {
        const port = parsePort(substitute(m[0], state.vars));
        if (port !== undefined) state.exposed.push({ port, evidence: evidence(m.index) });
      }
    } else if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') {
      const command = { ...commandForm(ins.args), evidence: evidence(0) };
      if (ins.keyword === 'CMD') state.cmd = command;
      else {
        state.entrypoint = command;
        delete state.cmd; // an ENTRYPOINT resets the CMD inherited from the base stage
      }
    } else if (ins.keyword === 'HEALTHCHECK') {
      const m = /^(?:--\S+\s+)*CMD\s+([\s\S]*)$/i.exec(ins.args);
      if (m) {
        const form = commandForm(m[1]!);
        state.healthcheck = { command: form.words, evidence: evidence(ins.args.length - m[1]!.length) };
      } else if (/^NONE\b/i.test(ins.args.trim())) delete state.healthcheck;
    }
  }
  if (!current) return facts;
  const runtime = current;
  facts.settings.push(...runtime.env);
  if (owner === undefined) return facts;
  const container: ContainerFact = {
    name: owner,
    image: runtime.image,
    imageEvidence: runtime.imageEvidence,
    ports: runtime.exposed.map((e) => ({ port: e.port, evidence: e.evidence })),
  };
  for (const e of runtime.exposed) facts.listeners.push({ component: owner, port: e.port, source: 'dockerfile-expose', evidence: e.evidence });
  const command = runtime.entrypoint
    ? [...runtime.entrypoint.words, ...(runtime.entrypoint.shell ? [] : (runtime.cmd?.words ?? []))]
    : (runtime.cmd?.words ?? []);
  const commandEvidence = runtime.entrypoint?.evidence ?? runtime.cmd?.evidence;
  if (command.length > 0 && commandEvidence) {
    container.command = command;
    container.commandEvidence = commandEvidence;
    const port = portFromCommand(command.join(' '));
    if (port !== undefined) facts.listeners.push({ component: owner, port, source: 'command', evidence: commandEvidence });
  }
  if (runtime.healthcheck) {
    container.healthcheck = runtime.healthcheck;
    for (const ep of findEndpoints(runtime.healthcheck.command.join(' '))) {
      if (isLoopback(ep.host)) facts.listeners.push({ component: owner, port: ep.port, source: 'healthcheck', evidence: runtime.healthcheck.evidence });
    }
  }
  facts.workloads.push({ kind: 'Dockerfile', name: owner, namespace: '', podLabels: {}, containers: [container], evidence: runtime.imageEvidence });
  return facts;
}

/** The instructions of the file, with continuation lines joined and comment lines inside them dropped. */
function instructions(src: SourceText): Instruction[] {
  const escape = /^#\s*escape\s*=\s*`/i.test(src.lines.find((l) => l.trim() !== '') ?? '') ? '`' : '\\';
  const out: Instruction[] = [];
  let i = 0;
  while (i < src.lines.length) {
    const first = src.lines[i]!;
    const m = /^\s*([A-Za-z]+)(\s+|$)/.exec(first);
    if (!m || first.trim().startsWith('#')) {
      i++;
      continue;
    }
    const line = i + 1;
    const pieces: { offset: number; line: number; column: number }[] = [];
    let args = '';
    let physical = first.slice(m[0].length);
    let column = m[0].length + 1;
    for (;;) {
      const continued = physical.trimEnd().endsWith(escape);
      const part = continued ? physical.trimEnd().slice(0, -1) : physical;
      pieces.push({ offset: args.length, line: i + 1, column });
      args += part;
      i++;
      if (!continued) break;
      while (i < src.lines.length && /^\s*(#.*)?$/.test(src.lines[i]!)) i++; // comments and blank lines inside a continuation
      if (i >= src.lines.length) break;
      args += ' ';
      physical = src.lines[i]!;
      column = 1;
    }
    const heredoc = /<<-?\s*["']?(\w+)["']?/.exec(args);
    if (heredoc) {
      while (i < src.lines.length && src.lines[i]!.trim() !== heredoc[1]) i++;
      i++;
    }
    out.push({
      keyword: m[1]!.toUpperCase(),
      args,
      line,
      position(offset) {
        const piece = [...pieces].reverse().find((p) => p.offset <= offset) ?? pieces[0]!;
        return { line: piece.line, column: piece.column + offset - piece.offset };
      },
    });
  }
  return out;
}

/** `A=b C="d e"` pairs, or the legacy `ENV A b c` form (one key, the rest of the line as value). */
function assignments(ins: Instruction): [string, { value: string; offset: number; literal: boolean }][] {
  const args = ins.args;
  const lead = args.length - args.trimStart().length;
  if (/^\s*[A-Za-z_][\w.-]*=/.test(args) || ins.keyword === 'ARG') {
    return [...args.matchAll(/([A-Za-z_][\w.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s"'\\]|\\.)*))?/g)].map((m) => {
      const raw = m[2] ?? '';
      const offset = m.index + m[1]!.length + (m[2] !== undefined ? 1 : 0);
      return [m[1]!, { value: unquote(raw), offset, literal: raw.startsWith("'") }];
    });
  }
  const legacy = /^([A-Za-z_][\w.-]*)\s+(.*)$/.exec(args.trim());
  if (!legacy) return [];
  return [[legacy[1]!, { value: legacy[2]!.trim(), offset: lead + args.trim().indexOf(legacy[2]!, legacy[1]!.length), literal: false }]];
}

/** Exec form (`["a", "b"]`, a JSON array) or shell form (run as `/bin/sh -c "<text>"`). */
function commandForm(args: string): { words: string[]; shell: boolean } {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) return { words: parsed as string[], shell: false };
    } catch {
      // Not valid JSON: Docker runs it as a shell command too.
    }
  }
  return { words: trimmed === '' ? [] : ['/bin/sh', '-c', trimmed], shell: true };
}

function unquote(value: string): string {
  if (/^"[\s\S]*"$/.test(value)) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^'[\s\S]*'$/.test(value)) return value.slice(1, -1);
  return value.replace(/\\(.)/g, '$1');
}

/** `$VAR` and `${VAR}` (also `${VAR:-default}`) from `vars`; unknown variables stay as written. */
function substitute(text: string, vars: Map<string, string>): string {
  return text.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = vars.get((braced ?? bare)!);
    return value !== undefined && value !== '' ? value : (fallback ?? whole);
  });
}
