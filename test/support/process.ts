/**
 * The real `ccm` executable in child processes, started as an operator would, for tests that
 * kill, stop, lock and restore it: a running bot with Slack configured (against the Web API
 * stand-in), one-shot commands, and signed slash commands sent to it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders } from './slack.ts';

const CCM = resolve(import.meta.dirname, '../../bin/ccm.js');

export interface RunningBot {
  port: number;
  child: ChildProcess;
  /** Everything written to stderr so far: the start-up line and the JSON log lines. */
  stderr(): string;
  /** Resolves once stderr has a line matching `pattern`. */
  logged(pattern: RegExp): Promise<void>;
  exit: Promise<number | null>;
}

/** The environment of a bot with Slack configured, on `dbPath`. */
export function slackEnv(slack: SlackStandIn, dbPath: string, home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    CCM_DB_PATH: dbPath,
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
  };
}

/** Starts `ccm` and resolves once it listens. */
export function startBot(env: Record<string, string>): Promise<RunningBot> {
  let stderr = '';
  const waiting: { pattern: RegExp; done: () => void }[] = [];
  const child = spawn(process.execPath, [CCM], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((ready, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const w of waiting.filter((w) => w.pattern.test(stderr))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.done();
      }
      const match = /is running \(.*\) on port (\d+)/.exec(stderr);
      if (match) {
        ready({
          port: Number(match[1]),
          child,
          stderr: () => stderr,
          logged: (pattern) => new Promise((done) => (pattern.test(stderr) ? done() : waiting.push({ pattern, done }))),
          exit,
        });
      }
    });
    void exit.then((code) => fail(new Error(`ccm exited with ${code}: ${stderr}`)));
  });
}

/** Runs `ccm <args>` to its end. */
export function runCcm(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CCM, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => done({ code, out, err }));
  });
}

export interface SlashAnswer {
  status: number;
  /** The answer's text (its title), when Slack got a JSON answer. */
  text: string | undefined;
  /** The whole answer as sent. */
  raw: string;
}

/** A signed request, ready to send (and to send again, byte for byte). */
export function signedCommand(text: string, fields: Partial<Record<string, string>> = {}): { body: string; headers: Record<string, string> } {
  const body = commandBody(text, fields);
  return { body, headers: slackHeaders(body) };
}

/** Sends a signed slash command to the bot; `signal` can stop waiting, as Slack does after 3 s. */
export async function send(port: number, request: { body: string; headers: Record<string, string> }, signal?: AbortSignal): Promise<SlashAnswer> {
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', ...request, signal });
  const raw = await response.text();
  return { status: response.status, text: raw.startsWith('{') ? (JSON.parse(raw) as { text?: string }).text : undefined, raw };
}

/** The bot's JSON log lines on stderr. */
export function logLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The reference an error answer gives the person to quote, which the log line carries too. */
export function referenceIn(answer: SlashAnswer): string | undefined {
  return /reference ([0-9a-f]{8})/.exec(answer.raw)?.[1];
}

/** Every state's ISO code, for commands about many states. */
export function stateCodes(): string[] {
  return readFileSync(resolve(import.meta.dirname, '../../data/states.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.slice(0, 3));
}

/** The entry number in a "Logged #12: …" answer. */
export function loggedId(answer: SlashAnswer): number | undefined {
  const match = answer.status === 200 ? /^Logged #(\d+):/.exec(answer.text ?? '') : null;
  return match ? Number(match[1]) : undefined;
}

/** The ids of the log entries in a database file. */
export function entryIds(file: string): Set<number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare('SELECT id FROM entries').pluck().all() as number[]);
  } finally {
    db.close();
  }
}
