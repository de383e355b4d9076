/**
 * Runs a mutating command a reviewer approved (restart, scale, reload, grant): the executor's only way to
 * start a process, used after the approval gate allowed the exact argv. The binary is a bare name resolved in
 * the fixed system directories (never $PATH or the workspace), run without a shell, in the folder, with the
 * user's environment (the command acts with their credentials, as they approved), under a time limit and an
 * output cap.
 */
import { spawn } from 'node:child_process';
import { fixedDirectoryResolver } from '../probes/policy/binary-resolver';

/** How an approved command ended. */
export interface CommandResult {
  /** The exit code; null when it was killed or could not start. */
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, capped. */
  output: string;
}

/** Wall-clock limit of an approved command. */
const TIMEOUT_MS = 120_000;
/** Characters of output kept. */
const OUTPUT_CAP = 64 * 1024;

const resolveBinary = fixedDirectoryResolver();

/** Runs `argv` in `cwd`; never throws: a missing tool or a timeout is a result with a null exit code. */
export function runApprovedCommand(argv: readonly string[], cwd: string): Promise<CommandResult> {
  const binary = argv[0] !== undefined ? resolveBinary(argv[0]) : undefined;
  if (!binary) return Promise.resolve({ exitCode: null, output: `${argv[0] ?? '(empty command)'} is not installed in the system directories` });
  return new Promise((resolve) => {
    let output = '';
    let dropped = 0;
    const keep = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      const room = OUTPUT_CAP - output.length;
      output += text.slice(0, Math.max(0, room));
      dropped += Math.max(0, text.length - room);
    };
    const child = spawn(binary, argv.slice(1), { cwd, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ exitCode: null, output: `could not start ${argv[0]}: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const tail = dropped > 0 ? `\n… ${dropped} more characters` : '';
      resolve({ exitCode: code, output: `${output}${tail}${signal ? `\nkilled by ${signal}` : ''}` });
    });
  });
}
