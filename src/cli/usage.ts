/**
 * The usage text of `ccm` (`ccm help`, `ccm --help`, and after a usage mistake), built from the
 * subcommands' declarations: each entry is its name and synopsis, then its description in a
 * column of its own.
 */
import type { Subcommand, UsageForm } from './subcommand.ts';

/** Where descriptions start; a short entry starts its description on its own line. */
const DESCRIPTION_COLUMN = 17;

/** What holds for every subcommand, said once under the list. */
const NOTES = `Without --out, files go to standard output; with it, they are written readable by you only.
Dates are YYYY-MM-DD (midnight in CCM_TIMEZONE); timestamps are ISO 8601 with an offset.
--at reads the log and milestones as they stood at that instant (later changes left out).
`;

/** How `command` is typed: plain `ccm` for the one that runs without a name. */
function typed(command: Subcommand): string {
  return command.name === 'start' ? 'ccm' : `ccm ${command.name}`;
}

function entry(command: Subcommand, form: UsageForm): string {
  const head = `  ${[typed(command), form.synopsis].filter((part) => part !== '').join(' ')}`;
  const indented = form.description.map((line) => `${' '.repeat(DESCRIPTION_COLUMN)}${line}\n`);
  if (head.length >= DESCRIPTION_COLUMN - 1) return `${head}\n${indented.join('')}`;
  return `${head.padEnd(DESCRIPTION_COLUMN)}${form.description[0] ?? ''}\n${indented.slice(1).join('')}`;
}

function entries(commands: readonly Subcommand[]): string {
  return commands.flatMap((command) => command.usage.map((form) => entry(command, form))).join('');
}

/** The words a subcommand starts with (`plan` for `plan check` and `plan new`), each once; plain `ccm` has none. */
export function firstWords(commands: readonly Subcommand[]): string[] {
  return [...new Set(commands.filter((c) => c.name !== 'start').map((c) => c.name.split(' ')[0]!))];
}

/** The whole usage text: the subcommands' first words, every entry, then the notes. */
export function usageText(commands: readonly Subcommand[]): string {
  return `Usage: ccm [${firstWords(commands).join(' | ')}]\n\n${entries(commands)}\n${NOTES}`;
}

/** The usage of some subcommands alone (`ccm help plan`), with the notes. */
export function subcommandUsage(commands: readonly Subcommand[]): string {
  return `Usage:\n${entries(commands)}\n${NOTES}`;
}
