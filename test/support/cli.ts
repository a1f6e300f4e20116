/**
 * Runs the operator's commands that work on an assembled bot (`ccm export`, `ccm barriers`,
 * `ccm report`, `ccm digest`, `ccm chart`, `ccm data import` …) in-process, on the test bot and
 * its clock, capturing what they print. The command line is read by the same declarations as
 * `ccm`'s (src/cli/), so a usage mistake throws the same UsageError.
 */
import { Writable } from 'node:stream';
import { findSubcommand } from '../../src/cli/index.ts';
import { type Output, parseArguments } from '../../src/cli/subcommand.ts';
import type { TestBot } from './harness.ts';

/** A stream that keeps what is written to it, for a command's stdout or stderr. */
export function collector(): { stream: Writable; text: () => string; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

/** `ccm <argv>` for a subcommand that runs on an assembled bot, writing to `io`; resolves to its exit code. */
export function onBot(bot: TestBot, argv: readonly string[], io: Output): number | Promise<number> {
  const { command, words } = findSubcommand(argv);
  if (command.needs !== 'bot') throw new Error(`ccm ${command.name} does not run on an assembled bot alone`);
  return command.run(parseArguments(command, words), bot, io);
}

/** `ccm <subcommand> <args>` (a command that finishes at once) as of the test bot's clock: exit code and output. */
export function runCcm(bot: TestBot, subcommand: string, args: string[] = []): { code: number; out: string; err: string } {
  const out = collector();
  const err = collector();
  const code = onBot(bot, [subcommand, ...args], { out: out.stream, err: err.stream });
  if (typeof code !== 'number') throw new Error(`ccm ${subcommand} does not finish at once: await onBot instead`);
  return { code, out: out.text(), err: err.text() };
}

/** `ccm digest <args>` (`--at`, `--meeting`) on the test bot's clock: exit code and output. */
export function runDigest(bot: TestBot, args: string[] = []): { code: number; out: string } {
  const { code, out } = runCcm(bot, 'digest', args);
  return { code, out };
}
