/**
 * The `aoi` command: the engine headless (spec/cli.md). Exit codes: 0 success (also when no fault is
 * found), 2 bad usage or unreadable input, 3 refused by policy, 1 internal error.
 */
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { diagnose, type InitialObservation } from './diagnose';
import { readTruth, storeOf, type RecordOptions } from './cli/record';
import { SessionRecorder } from './trajectories/recorder';
import { openStore } from './trajectories/open-store';
import { parseLogFile } from './parse-log';
import { renderTemplateTable } from './report/template-table';
import { renderTextReport } from './report/text-report';
import { BadInputError, oneLine } from './errors';
import { ProbePolicy } from './agents/probes/policy';
import { ExitCode, RefusedByPolicy } from './cli/exit';
import { addFixCommands } from './cli/fix-command';
import { addExportCommand } from './cli/export-command';
import { addEvolveCommand } from './cli/evolve-command';
import { readStoreGuidance } from './trajectories/evolver/evolved-files';
import { addLabCommands } from '../lab/lab-command';
import { chooseModel } from './model/model-choice';
import { PROVIDER_CHOICES, type ProviderChoice } from './model/providers';

export { ExitCode };

/** Builds the command tree; `write` receives stdout text. */
export function buildCli(write: (text: string) => void): Command {
  const program = new Command('aoi')
    .description('Assisted incident diagnosis: ranks root causes of an incident from its logs and configs.')
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: (s) => process.stderr.write(s), outputError: () => undefined })
    .showHelpAfterError(false);

  program
    .command('diagnose')
    .description('diagnose the incident bundle or workspace folder DIR')
    .argument('<DIR>', 'folder holding the incident’s logs and configs')
    .option('--json', 'print one JSON document (spec/cli.md) instead of the report')
    .option('--max-file-size-mb <MB>', 'skip files larger than this', positiveNumber)
    .option('--replay', 'let the observer ask for probes, answered from the folder’s recorded results (probes/*.json)')
    .option('--live', 'let the observer run probes live: read-only commands the policy allows, no shell, in DIR')
    .option('--max-probes <N>', 'most probes asked in replay or live mode (default 5)', wholeNumber)
    .option('--record', 'append the session (redacted) to the trajectory store given by --store')
    .option('--store <STORE>', 'the trajectory store folder (with --record)')
    .option('--truth <FILE>', 'with --record: label the session with a truth file (spec/bundle.md)')
    .option('--guidance <STORE>', 'apply the team guidance of STORE/evolved/guidance.jsonl (made by aoi evolve); off unless given')
    .option('--model <PATH|none>', 'the observer model: a model folder or manifest (default: the bundled one); none: the expert rules alone')
    .option('--ep <PROVIDER>', 'where the model runs: auto (webgpu, then cuda, then cpu), webgpu, cuda or cpu (default auto)', providerChoice)
    .action(async (dir: string, opts: { json?: boolean; maxFileSizeMb?: number; replay?: boolean; live?: boolean; maxProbes?: number; guidance?: string; model?: string; ep?: ProviderChoice } & RecordOptions) => {
      const folder = resolve(dir);
      const store = storeOf(opts);
      if (opts.maxProbes !== undefined && !opts.replay && !opts.live) throw new InvalidArgumentError('--max-probes needs --replay or --live');
      if (opts.replay && opts.live) throw new InvalidArgumentError('--replay and --live exclude each other');
      // Only live mode runs anything here; otherwise a probe is judged on its argv, wherever its tool is installed.
      const policy = opts.live ? new ProbePolicy() : new ProbePolicy({ resolve: (tool) => `/usr/bin/${tool}` });
      const guidance = opts.guidance !== undefined ? await readStoreGuidance(resolve(opts.guidance)) : undefined;
      let first: InitialObservation | undefined;
      const model = chooseModel(opts.model ?? '', opts.ep ?? 'auto');
      if ('none' in model && opts.model !== undefined && opts.model !== 'none') process.stderr.write(`aoi: warning: ${model.none}\n`);
      const result = await diagnose(folder, {
        ...('scorer' in model ? { model: { scorer: model.scorer } } : {}),
        ...(guidance ? { guidance } : {}),
        ...(opts.maxFileSizeMb ? { settings: { maxFileSizeMB: opts.maxFileSizeMb } } : {}),
        observe: (o) => (first = o),
        policy,
        ...(opts.replay ? { replay: { maxProbes: opts.maxProbes ?? 5, policy } } : {}),
        ...(opts.live ? { live: { maxProbes: opts.maxProbes ?? 5, policy } } : {}),
      });
      for (const n of result.notes.filter((x) => x.message.startsWith('model not used'))) process.stderr.write(`aoi: warning: ${n.file}: ${n.message}\n`);
      if (store) {
        const truth = opts.truth ? await readTruth(opts.truth) : undefined;
        const recorder = await SessionRecorder.start(openStore(store), { source: 'cli', folder, ...(truth ? { truth } : {}) }, first?.hypotheses ?? result.hypotheses);
        await recorder.diagnosis(result, first);
        process.stderr.write(`aoi: recorded session ${recorder.id} in ${resolve(store)}\n`);
      }
      write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderTextReport(dir, result));
    });
  program
    .command('parse')
    .description('mine the templates of the log file FILE')
    .argument('<FILE>', 'a log file (plain, gzip-compressed, any common format)')
    .option('--log-format <FORMAT>', 'Loghub header format: one record per line, templates mined from <Content>')
    .option('--jsonl', 'print one JSON line per record, in input order: {"line": N, "template": "..."}')
    .action(async (file: string, opts: { logFormat?: string; jsonl?: boolean }) => {
      const parsed = await parseLogFile(resolve(file), opts.logFormat !== undefined ? { logFormat: opts.logFormat } : {});
      if (!opts.jsonl) {
        write(renderTemplateTable(file, parsed));
        return;
      }
      let chunk = '';
      for (let i = 0; i < parsed.size; i++) {
        chunk += `${JSON.stringify({ line: parsed.lineOf(i), template: parsed.templateOf(i) })}\n`;
        if (chunk.length > 1 << 16) {
          await writeAndDrain(write, chunk);
          chunk = '';
        }
      }
      if (chunk) await writeAndDrain(write, chunk);
    });
  program
    .command('policy')
    .description('ask the read-only probe policy')
    .command('check')
    .description('say whether the probe policy allows the command ARGV (given after --), without running it')
    .argument('<ARGV...>', 'the command and its arguments, e.g. -- kubectl get pods -n shop')
    .action((argv: string[]) => {
      const decision = new ProbePolicy().check(argv);
      write(`${decision.allowed ? 'allowed' : 'refused'}: ${decision.reason}\n`);
      if (!decision.allowed) throw new RefusedByPolicy(decision.reason);
    });
  addFixCommands(program, write);
  addExportCommand(program, write);
  addEvolveCommand(program, write);
  addLabCommands(program, write);
  return program;
}

/** Writes through `write`, waiting for stdout to drain when it is the process's stdout and full. */
async function writeAndDrain(write: (text: string) => void, text: string): Promise<void> {
  write(text);
  if (process.stdout.writableNeedDrain) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`not a whole number: ${value}`);
  return n;
}

function providerChoice(value: string): ProviderChoice {
  if (!(PROVIDER_CHOICES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${PROVIDER_CHOICES.join(', ')}, got "${value}"`);
  return value as ProviderChoice;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws. */
export async function runCli(argv: string[], write: (text: string) => void = (s) => void process.stdout.write(s)): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write("aoi: missing command: try 'aoi diagnose DIR' or 'aoi --help'\n");
    return ExitCode.BadInput;
  }
  const program = buildCli(write);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return ExitCode.Ok; // --help, --version
      process.stderr.write(`aoi: ${oneLine(err.message.replace(/^error: /, ''))}\n`);
      return ExitCode.BadInput;
    }
    if (err instanceof RefusedByPolicy) return ExitCode.Refused;
    if (err instanceof BadInputError) {
      process.stderr.write(`aoi: ${oneLine(err)}\n`);
      return ExitCode.BadInput;
    }
    process.stderr.write(`aoi: internal error: ${oneLine(err)}\n`);
    if (process.env['AOI_DEBUG']) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return ExitCode.Internal;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
