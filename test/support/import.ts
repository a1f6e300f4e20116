/**
 * Running `ccm data import` against a test bot, as the operator command does, with its output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runDataCommand } from '../../src/data-import.ts';
import type { TestBot } from './harness.ts';

/** Writes `csv` to a file in the bot's folder, imports it, and returns the exit code and what it printed. */
export async function importCsv(bot: TestBot, csv: string, name = 'facts.csv', ...options: string[]): Promise<{ code: number; output: string }> {
  const file = join(bot.dir, name);
  writeFileSync(file, csv);
  let output = '';
  const out = new Writable({
    write(chunk, _encoding, done) {
      output += String(chunk);
      done();
    },
  });
  const code = await runDataCommand(bot, ['import', file, ...options], out, bot.now());
  return { code, output };
}
