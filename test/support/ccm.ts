/**
 * `ccm` as an operator types it, run in this process: the real `main(argv, env, io)` with the
 * given environment (and nothing from this process's), standard input from a string, and what
 * it prints kept. Starting the executable costs about half a second a run; tests that need a
 * process of their own (a signal, kill -9, a lock held by another process, Node's start-up
 * options) use test/support/process.ts instead.
 */
import { Readable } from 'node:stream';
import { main } from '../../src/main.ts';
import { collector } from './cli.ts';

export interface CcmRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `ccm <argv>` to its end with `env` as its whole environment and `input` on standard input. */
export async function ccm(argv: readonly string[], env: Record<string, string | undefined>, input = ''): Promise<CcmRun> {
  const out = collector();
  const err = collector();
  const code = await main(argv, env, { stdin: Readable.from(input === '' ? [] : [input]), stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}
