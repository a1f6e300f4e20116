/**
 * `ccm` started as an operator would, with Slack credentials: it serves Slack and /healthz on
 * one port, and a SIGTERM closes it cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/harness.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from '../support/slack.ts';

const CCM = resolve(import.meta.dirname, '../../bin/ccm.js');
let slack: SlackStandIn;
let dir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  slack = await startSlackStandIn();
  dir = tempDir();
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>): Promise<{ port: number; stderr: () => string; exit: Promise<number | null> }> {
  let stderr = '';
  const proc = spawn(process.execPath, [CCM], {
    env: { PATH: process.env.PATH, HOME: dir, CCM_DB_PATH: join(dir, 'ccm.sqlite'), PORT: '0', CCM_ALLOWED_WORKSPACES: 'T1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const exit = new Promise<number | null>((done) => proc.on('exit', (code) => done(code)));
  return new Promise((ready, fail) => {
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /is running \(.*\) on port (\d+)/.exec(stderr);
      if (match) ready({ port: Number(match[1]), stderr: () => stderr, exit });
    });
    void exit.then((code) => fail(new Error(`ccm exited with ${code}: ${stderr}`)));
  });
}

describe('ccm with Slack configured', () => {
  it('serves /healthz and /slack/events on one port, and stops cleanly on SIGTERM', async () => {
    const bot = await start({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(health.status).toBe(200);
    const body = commandBody('meeting Lao PDR held');
    const reply = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
    expect(await reply.json()).toMatchObject({ text: "Logged #1: meeting held, Lao People's Democratic Republic" });
    child?.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
  });

  it('stops with a message naming PORT when the port is taken', async () => {
    const first = await start({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    const firstChild = child;
    await expect(
      start({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(first.port),
        CCM_DB_PATH: join(dir, 'second.sqlite'),
      }),
    ).rejects.toThrow(`exited with 1: ccm: cannot listen on port ${first.port} (EADDRINUSE). Set PORT to a free port.`);
    firstChild?.kill('SIGTERM');
    expect(await first.exit).toBe(0);
  });

  it('stops at start-up with a clear message when Slack refuses the token', async () => {
    slack.answer('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    await expect(start({ SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl })).rejects.toThrow(
      /exited with 1: ccm: Slack did not accept the configuration \(invalid_auth\)\. Check SLACK_BOT_TOKEN\./,
    );
  });

  it('connects over Socket Mode with the app token when SLACK_APP_TOKEN is set', async () => {
    slack.answer('apps.connections.open', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    await expect(
      start({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: slack.apiUrl }),
    ).rejects.toThrow(/Check SLACK_BOT_TOKEN and SLACK_APP_TOKEN/);
    expect(slack.callsTo('apps.connections.open')[0]?.authorization).toBe('Bearer xapp-test');
  });
});
