/**
 * `aoi export --store STORE --format sft|dpo|kto|grpo --out DIR` (spec/cli.md): the dataset files and a
 * README.md dataset card in DIR, created if missing.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportDataset } from '../trajectories/exports/export-dataset';
import { openStore } from '../trajectories/open-store';

/** Adds `export` to `program`; `write` receives stdout text. */
export function addExportCommand(program: Command, write: (text: string) => void): void {
  program
    .command('export')
    .description('write a training dataset (JSONL + dataset card) from the trajectory store STORE')
    .requiredOption('--store <STORE>', 'the trajectory store folder')
    .requiredOption('--format <FORMAT>', 'sft, dpo, kto or grpo')
    .requiredOption('--out <DIR>', 'the folder to write (created if missing)')
    .action(async (opts: { store: string; format: string; out: string }) => {
      const result = await exportDataset(openStore(opts.store), opts.format, resolve(opts.out));
      for (const s of result.skipped) process.stderr.write(`aoi: skipped ${s}\n`);
      write(`${result.format}: ${result.rows} row(s) from ${result.sessions} session(s), ${result.episodes} episode(s)\n${result.files.map((f) => `  ${f}`).join('\n')}\n`);
    });
}
