/**
 * A `ccm` subcommand as data: its name, its lines in the usage text, the options `node:util`'s
 * parseArgs reads for it, what it needs prepared before it runs, and the function that runs it.
 * The usage text (usage.ts) and the parsing both come from these declarations, so what
 * `ccm help` shows is what the command line accepts (test/cli-usage.test.ts holds them together).
 */
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Bot } from '../bot.ts';
import { editDistance } from '../domain/edit-distance.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { AfterStep } from '../store/backup.ts';

/** A mistake on the command line: said with the usage, exit code 2, nothing changed. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Where an operator command writes: its output, and its errors and notes. */
export interface Output {
  out: Writable;
  err: Writable;
}

/** The options as parseArgs read them: a string option's value, a flag's true, or undefined when not given. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** The command line after the subcommand's name, as parseArgs read it. */
export interface Arguments {
  values: OptionValues;
  positionals: readonly string[];
}

/** One entry of the usage text: what follows `ccm <name>`, and what it does. */
export interface UsageForm {
  synopsis: string;
  description: readonly string[];
}

interface Declaration {
  /** As typed after `ccm`: `export`, `plan check`. */
  name: string;
  /** Its entries in the usage text; every option below appears in one of their synopses. */
  usage: readonly UsageForm[];
  /** The options parseArgs accepts: `--name <value>` (string) or `--flag` (boolean). */
  options: Readonly<Record<string, { type: 'string' | 'boolean' }>>;
  /**
   * The words it takes besides its options: how many (at least `min`, at most `max`), how the
   * usage's short messages name one (`<file>`), and what to say when the count is wrong.
   * Without it, it takes none.
   */
  positionals?: { min: number; max: number; name?: string; wrongCount: string };
}

/** What the database-file commands get: they run before any bot is assembled. */
interface DatabaseFileContext {
  dbPath: string;
  io: Output;
  now: Date;
  /** The tests' fault injection (see store/backup.ts). */
  afterStep?: AfterStep;
}

/** What a command that reads the configuration itself gets (`ccm doctor`, which reports a bad one rather than stop at it). */
interface EnvironmentContext {
  env: Readonly<Record<string, string | undefined>>;
  io: Output;
  now: Date;
}

/** What the scheduler's commands get; `canPost` when a chat platform's poster is in the scheduler. */
interface SchedulerContext {
  bot: Bot;
  scheduler: Scheduler;
  canPost: boolean;
  io: Output;
}

/**
 * A declared subcommand, by what main.ts prepares before it runs: nothing (files alone), the
 * environment, the database file, an assembled bot, the bot's scheduler without posters or with the chat
 * platforms' posters, or a chat session (start and shell, which main.ts runs itself).
 * Each resolves to the exit code; a usage mistake throws {@link UsageError}.
 */
export type Subcommand = Declaration &
  (
    | { needs: 'nothing'; run(args: Arguments, io: Output): number | Promise<number> }
    | { needs: 'database file'; run(args: Arguments, context: DatabaseFileContext): number | Promise<number> }
    | { needs: 'environment'; run(args: Arguments, context: EnvironmentContext): number | Promise<number> }
    | { needs: 'bot'; run(args: Arguments, bot: Bot, io: Output): number | Promise<number> }
    | { needs: 'scheduler' | 'posters'; run(args: Arguments, context: SchedulerContext): number | Promise<number> }
    | { needs: 'chat session' }
  );

/** Reads `words` (what follows the subcommand's name) by `command`'s declaration; a mistake is a {@link UsageError}. */
export function parseArguments(command: Subcommand, words: readonly string[]): Arguments {
  let parsed: Arguments;
  try {
    parsed = parseArgs({ args: [...words], options: { ...command.options }, strict: true, allowPositionals: command.positionals !== undefined });
  } catch (error) {
    throw usageErrorOf(error, command);
  }
  const { min = 0, max = 0, wrongCount = '' } = command.positionals ?? {};
  if (parsed.positionals.length < min || parsed.positionals.length > max) throw new UsageError(wrongCount);
  return parsed;
}

/** parseArgs's own errors, said as the rest of the command line's mistakes are, with the usage's own terms. */
function usageErrorOf(error: unknown, command: Subcommand): unknown {
  const { code, message } = error as NodeJS.ErrnoException;
  // parseArgs quotes what it refuses: 'Unknown option '--x'', 'Option '--at <value>' argument missing'.
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0]!;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option "${option}"${nearestOption(option, command)}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (command.options[option.replace(/^--/, '')]?.type === 'boolean') return new UsageError(`${option} takes no value`);
    const shown = valueShown(option, command);
    return new UsageError(`${option} needs a value${shown ? `: ${option} ${shown}` : ''}`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`unexpected argument "${quoted}": ccm ${command.name} takes options only`);
  return error;
}

/** "; did you mean --format?" for a near miss or the start of a declared option, else nothing. */
function nearestOption(typed: string, command: Subcommand): string {
  const name = typed.replace(/^-+/, '');
  // Two edits turn any short name into another (x → at): one at most for those.
  const allowed = name.length > 3 ? 2 : 1;
  const near = Object.keys(command.options).find((option) => (name.length > 1 && option.startsWith(name)) || editDistance(option, name) <= allowed);
  return near === undefined ? '' : `; did you mean --${near}?`;
}

/** What the usage shows after `option` (`<ISO timestamp>`, `csv|json`), to say what value it needs. */
function valueShown(option: string, command: Subcommand): string | undefined {
  for (const { synopsis } of command.usage) {
    const after = synopsis.split(`${option} `)[1];
    if (after !== undefined) return /^[^[\]]*?(?=\]| \[|$)/.exec(after)?.[0];
  }
  return undefined;
}
