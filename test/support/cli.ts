/**
 * Runs the operator's file commands (`ccm export`, `ccm barriers`, `ccm report`) and `ccm digest`
 * in-process, on the test bot and its clock, capturing what they print.
 */
import { Writable } from 'node:stream';
import { printDigest } from '../../src/operator.ts';
import { runReportCommand } from '../../src/report-tools.ts';
import type { TestBot } from './harness.ts';

/** A stream that keeps what is written to it, for a command's stdout or stderr. */
export function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** `ccm <subcommand> <args>` as of the test bot's clock: exit code and output. */
export function runCcm(bot: TestBot, subcommand: string, args: string[] = []): { code: number; out: string; err: string } {
  const out = collector();
  const err = collector();
  const code = runReportCommand(bot, subcommand, args, { out: out.stream, err: err.stream });
  return { code, out: out.text(), err: err.text() };
}

/** `ccm digest <args>` (`--at`, `--meeting`) on the test bot's clock: exit code and output. */
export function runDigest(bot: TestBot, args: string[] = []): { code: number; out: string } {
  const out = collector();
  const code = printDigest(bot, args, out.stream, bot.now());
  return { code, out: out.text() };
}
