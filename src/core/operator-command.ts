/**
 * How a reply spells a `ccm` command for the operator to run on the bot's machine (the file a
 * chat cannot carry: `ccm export --out …`, `ccm chart --out …`). Normally plain; in a rehearsal
 * (`ccm shell --today`) it names the rehearsal's database and instant, so that running it shows
 * the rehearsal's log as of its day, never the real log as of today.
 */

/** `subcommand` and its arguments, spelled as a command line to type. */
export type OperatorCommand = (subcommand: string, args?: string) => string;

export const plainOperatorCommand: OperatorCommand = (subcommand, args) => `ccm ${subcommand}${args ? ` ${args}` : ''}`;

/** Single quotes around a path that needs them in a shell. */
function shellWord(text: string): string {
  return /^[\w./@:+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * In a rehearsal on `dbPath`: `CCM_DB_PATH=<dbPath> ccm <subcommand> --at <instant> <args>`,
 * `instant` being the rehearsal's clock when the reply is made (ISO with its offset).
 */
export function rehearsalOperatorCommand(dbPath: string, instant: () => string): OperatorCommand {
  return (subcommand, args) => `CCM_DB_PATH=${shellWord(dbPath)} ccm ${subcommand} --at ${instant()}${args ? ` ${args}` : ''}`;
}
