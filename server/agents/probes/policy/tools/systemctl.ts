/**
 * systemctl: the verbs that report (status, is-active, is-enabled, is-failed, show, cat, list-units and the
 * other lists, get-default). Every verb that starts, stops, reloads, enables, masks, edits, kills or
 * reconfigures units or the manager is refused by name; `-H`/`--host` (runs ssh) and `-M`/`--machine` are
 * refused too. With no verb systemctl lists units.
 */
import { hard, invalid, unlisted, type ToolCheck } from '../decision';
import { bool, FlagTable, parseArgv, refuseFlag, withValue } from '../argv-parser';
import { integer, selector, text, word } from '../values';

const READS = new Set(['status', 'is-active', 'is-enabled', 'is-failed', 'show', 'cat', 'list-units', 'list-unit-files', 'list-sockets', 'list-timers', 'list-dependencies',
  'list-automounts', 'list-paths', 'list-jobs', 'list-machines', 'get-default', 'is-system-running', 'whoami', 'help']);
const WRITES = `start stop reload restart try-restart reload-or-restart try-reload-or-restart condrestart condreload condstop force-reload isolate kill clean freeze thaw
  set-property bind mount-image service-log-level service-log-target reset-failed enable disable reenable preset preset-all mask unmask link revert add-wants add-requires
  edit set-default daemon-reload daemon-reexec set-environment unset-environment import-environment log-level log-target service-watchdogs default rescue emergency halt
  poweroff reboot kexec soft-reboot exit switch-root suspend hibernate hybrid-sleep suspend-then-hibernate sleep cancel`.split(/\s+/);

const TABLE = new FlagTable([
  ...['--system', '--user', '--failed', '--value', '-a --all', '-l --full', '-r --recursive', '--reverse', '--with-dependencies', '--show-types', '-q --quiet', '--no-pager',
    '--no-legend', '--plain', '--no-ask-password', '--help', '--version', '--dry-run', '--firmware-setup'].map(bool),
  withValue('-t --type', selector),
  withValue('--state', selector),
  withValue('-p --property', selector),
  withValue('-P', word),
  withValue('-n --lines', integer()),
  withValue('-o --output', word),
  withValue('--legend', word),
  withValue('--timestamp', word),
  withValue('--what', word),
  refuseFlag('-H --host', 'runs the command on another host over ssh', { takesValue: true }),
  refuseFlag('-M --machine', 'runs the command in another machine or container', { takesValue: true, severity: 'unlisted' }),
  refuseFlag('--root', 'acts on another root file system', { takesValue: true, severity: 'unlisted' }),
  refuseFlag('--image', 'acts on a disk image', { takesValue: true, severity: 'unlisted' }),
  ...['--now', '--force', '-f', '--runtime', '--global', '--no-block', '--wait', '--no-wall', '--no-reload', '--mkdir', '--read-only', '--marked', '--show-transaction', '-i'].map((s) =>
    refuseFlag(s, 'only changes what a writing verb does', { severity: 'unlisted' }),
  ),
  ...['--job-mode', '--kill-whom', '--kill-value', '-s --signal', '--preset-mode', '--boot-loader-menu', '--boot-loader-entry', '--reboot-argument', '--check-inhibitors',
    '--drop-in', '--when', '--message'].map((s) => refuseFlag(s, 'only changes what a writing verb does', { takesValue: true, severity: 'unlisted' })),
]);

/** Checks a systemctl argv (without "systemctl"). */
export const checkSystemctl: ToolCheck = (args) => {
  const parsed = parseArgv(args, TABLE, { tool: 'systemctl', abbreviations: true });
  const issues = [...parsed.issues];
  const [verb, ...units] = parsed.positionals;
  if (verb !== undefined) {
    if (WRITES.includes(verb)) issues.push(hard(`systemctl ${verb} changes units or the system`));
    else if (!READS.has(verb)) issues.push(unlisted(`systemctl ${verb} is not a verb the policy knows`, { kind: 'subcommand', word: verb }));
  }
  for (const u of units) if (text(u, 'systemctl') || !/^[A-Za-z0-9@._:*\\-]+$/.test(u)) issues.push(invalid(`systemctl "${u}" is not a unit name or pattern`));
  return { issues, reads: `systemctl ${verb ?? 'list-units'} reads unit state` };
};
