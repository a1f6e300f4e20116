/**
 * Running `ccm data import` against a test bot, as the operator command does, with its output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collector, onBot } from './cli.ts';
import type { TestBot } from './harness.ts';

/** Writes `csv` to a file in the bot's folder, imports it, and returns the exit code and what it printed. */
export async function importCsv(bot: TestBot, csv: string, name = 'facts.csv', ...options: string[]): Promise<{ code: number; output: string }> {
  const file = join(bot.dir, name);
  writeFileSync(file, csv);
  const out = collector();
  const code = await onBot(bot, ['data', 'import', file, ...options], { out: out.stream, err: out.stream });
  return { code, output: out.text() };
}
