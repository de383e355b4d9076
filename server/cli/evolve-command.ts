/**
 * `aoi evolve --store STORE`: runs the Evolver over every session of the trajectory store STORE and writes its
 * corrective pairs and team guidance to `STORE/evolved/` (spec/cli.md); `aoi diagnose DIR --guidance STORE`
 * applies the guidance, and `aoi export --format dpo` adds the pairs.
 */
import type { Command } from 'commander';
import { BadInputError } from '../errors';
import { readAll } from '../trajectories/exports/export-dataset';
import { evolve } from '../trajectories/evolver/evolve';
import { writeEvolved } from '../trajectories/evolver/evolved-files';
import { openStore } from '../trajectories/open-store';

/** Adds `evolve` to `program`; `write` receives stdout text. */
export function addEvolveCommand(program: Command, write: (text: string) => void): void {
  program
    .command('evolve')
    .description('turn the failed and rejected attempts of the trajectory store STORE into corrective pairs and team guidance')
    .requiredOption('--store <STORE>', 'the trajectory store folder')
    .action(async (opts: { store: string }) => {
      const store = openStore(opts.store);
      const { sessions, skipped } = await readAll(store);
      if (sessions.length === 0) throw new BadInputError(`no sessions in ${store.root}`);
      for (const s of skipped) process.stderr.write(`aoi: skipped ${s}\n`);
      const evolved = evolve(sessions);
      // Sessions were redacted when recorded; the derived files are redacted once more, as exports are.
      const files = await writeEvolved(store.root, { pairs: store.redact(evolved.pairs), guidance: store.redact(evolved.guidance) });
      const entries = evolved.guidance.length;
      write(
        `evolved: ${evolved.pairs.length} corrective pair(s), ${entries} guidance entr${entries === 1 ? 'y' : 'ies'} from ${evolved.failed} failed of ${evolved.episodes} episode(s), ${sessions.length} session(s)\n${files.map((f) => `  ${f}`).join('\n')}\n`,
      );
    });
}
