/**
 * Every `ccm` subcommand, in the order of the usage text, and how a command line picks one.
 * Each is declared next to the code it runs; `help` is declared here, since it shows them all.
 */
import { backupSubcommand, initSubcommand, restoreSubcommand } from '../backup-tools.ts';
import { dataImportSubcommand } from '../data-import.ts';
import { doctorSubcommand } from '../doctor.ts';
import { digestSubcommand, remindersSubcommand, tickSubcommand } from '../operator.ts';
import { chartSubcommand, mapSubcommand } from '../picture-tools.ts';
import { planCheckSubcommand, planNewSubcommand } from '../plan-tools.ts';
import { barriersSubcommand, exportSubcommand, reportSubcommand } from '../report-tools.ts';
import { shellSubcommand, startSubcommand } from './session.ts';
import { type Subcommand, UsageError } from './subcommand.ts';
import { firstWords, subcommandUsage, usageText } from './usage.ts';

const helpSubcommand: Subcommand = {
  name: 'help',
  usage: [{ synopsis: '[<subcommand>]', description: ['show this text, or one subcommand’s usage alone (ccm help export)'] }],
  options: {},
  positionals: { min: 0, max: 2, wrongCount: 'ccm help takes one subcommand at most, e.g. ccm help export' },
  needs: 'nothing',
  run({ positionals }, io) {
    io.out.write(positionals.length === 0 ? USAGE : subcommandUsage(named(positionals.join(' '))));
    return 0;
  },
};

export const SUBCOMMANDS: readonly Subcommand[] = [
  startSubcommand,
  shellSubcommand,
  remindersSubcommand,
  tickSubcommand,
  digestSubcommand,
  exportSubcommand,
  barriersSubcommand,
  reportSubcommand,
  chartSubcommand,
  mapSubcommand,
  planCheckSubcommand,
  planNewSubcommand,
  dataImportSubcommand,
  backupSubcommand,
  restoreSubcommand,
  initSubcommand,
  doctorSubcommand,
  helpSubcommand,
];

/** The whole usage text, as `ccm help` prints it. */
export const USAGE = usageText(SUBCOMMANDS);

/** The subcommands `name` means: one (`export`, `plan check`), or a group (`plan`); none is a usage mistake. */
function named(name: string): Subcommand[] {
  const found = SUBCOMMANDS.filter((c) => c.name === name || c.name.startsWith(`${name} `));
  if (found.length === 0) throw new UsageError(`no subcommand "${name}"; the subcommands: ${firstWords(SUBCOMMANDS).join(', ')}`);
  return found;
}

/**
 * The subcommand `argv` names and the words after its name. No name, or options first, is
 * `ccm start` (`ccm --today <date>` is `ccm start --today <date>`); `--help` and `-h` are `help`.
 */
export function findSubcommand(argv: readonly string[]): { command: Subcommand; words: readonly string[] } {
  const [first, second, ...rest] = argv;
  if (first === '--help' || first === '-h') return { command: helpSubcommand, words: argv.slice(1) };
  if (first === undefined || first.startsWith('--')) return { command: startSubcommand, words: argv };
  const command = SUBCOMMANDS.find((c) => c.name === first);
  if (command) return { command, words: argv.slice(1) };
  const group = SUBCOMMANDS.filter((c) => c.name.startsWith(`${first} `));
  if (group.length === 0) throw new UsageError(`unknown command "${argv.join(' ')}".`);
  const member = group.find((c) => c.name === `${first} ${second}`);
  if (member) return { command: member, words: rest };
  // `ccm plan` alone, or with an action it does not have: the actions it has, as they are typed.
  const actions = group.map((c) => `"${[c.name.slice(first.length + 1), c.positionals?.name].filter(Boolean).join(' ')}"`);
  if (second === undefined) throw new UsageError(`ccm ${first} needs ${actions.join(' or ')}.`);
  throw new UsageError(`unknown command "ccm ${first} ${second}": ccm ${first} has ${actions.join(' and ')}.`);
}
