/**
 * `aoi lab up|down|status|run` (spec/cli.md): the live incident lab from the command line. Every subcommand
 * takes `--dir ROOT` (default $AOI_LAB_DIR or a folder in the temp directory) and `--base-port N`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { BadInputError } from '../server/errors';
import { DEFAULT_BASE_PORT } from './shop';
import { lab, labDown, labStatus, labUp, type Lab } from './lab-control';
import { labRoot } from './paths';
import { addLabRunCommand } from './agent/run-command';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024 || n > 65400) throw new InvalidArgumentError(`not a usable base port (1024..65400): ${value}`);
  return n;
}

interface LabOptions {
  dir?: string;
  basePort: number;
}

/** The lab the options name. */
export function labOf(opts: LabOptions): Lab {
  return lab(labRoot(opts.dir), opts.basePort);
}

/** Lab failures are bad input for the CLI: a one-line message that names the problem, exit 2. */
export async function labAction<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof InvalidArgumentError || err instanceof BadInputError) throw err;
    throw new BadInputError((err as Error).message);
  }
}

export function addLabCommands(program: Command, write: (text: string) => void): void {
  const labCmd = program.command('lab').description('the live incident lab: real services on loopback, injected faults, the agent benchmark');
  const withLab = (c: Command): Command => c.option('--dir <ROOT>', 'the lab folder (default $AOI_LAB_DIR or <tmp>/aoi-lab)').option('--base-port <N>', 'first of the lab’s loopback ports', port, DEFAULT_BASE_PORT);
  const say = (line: string): void => void process.stderr.write(`aoi lab: ${line}\n`);

  withLab(labCmd.command('up').description('start the lab (installs missing Debian packages when run as root)')).action(async (opts: LabOptions) => {
    const l = labOf(opts);
    const s = await labAction(() => labUp(l, say));
    write(`lab up: ${Object.keys(s.parts).length} parts healthy; gateway http://127.0.0.1:${l.ports.gateway}; workspace ${l.paths.workspace}\n`);
  });

  withLab(labCmd.command('down').description('recover an injected fault and stop every lab process')).action(async (opts: LabOptions) => {
    const was = await labAction(() => labDown(labOf(opts), say));
    write(was ? 'lab down: stopped; ports free\n' : 'lab down: was not running\n');
  });

  withLab(labCmd.command('status').description('what runs, with restarts and health').option('--json', 'print JSON')).action(async (opts: LabOptions & { json?: boolean }) => {
    const l = labOf(opts);
    const s = await labAction(() => labStatus(l));
    if (opts.json) {
      write(`${JSON.stringify({ root: l.paths.root, workspace: l.paths.workspace, ...s }, null, 2)}\n`);
      return;
    }
    if (!s.running) {
      write(`lab ${s.created ? 'stopped' : 'not created'} (${l.paths.root})\n`);
      return;
    }
    const rows = Object.entries(s.status?.parts ?? {}).map(([name, p]) => `  ${name.padEnd(10)} ${p.state.padEnd(10)} pid ${String(p.pid ?? '-').padEnd(8)} restarts ${p.restarts}${p.lastExit ? `  last exit: ${p.lastExit}` : ''}`);
    write(`lab ${s.status?.phase ?? 'unknown'} (${l.paths.workspace})\n${rows.join('\n')}\n`);
  });

  addLabRunCommand(withLab(labCmd.command('run').description('run the agent on lab tasks and score it (AIOpsLab task types)')), write);
}
