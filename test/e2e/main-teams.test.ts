/**
 * `ccm` started as an operator would, for Teams: the real process serves /api/messages beside
 * /healthz, answers a Bot Framework activity through the stand-in Bot Connector, and stops
 * cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../support/harness.ts';
import { type ConnectorStandIn, message, PERSONAL, postActivity, startConnectorStandIn, titleOf } from '../support/teams.ts';

const CCM = resolve(import.meta.dirname, '../../bin/ccm.js');
let connector: ConnectorStandIn;
let dir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  connector = await startConnectorStandIn();
  dir = tempDir();
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
});

it('runs Teams alone from CCM_ADAPTERS, answers a 1:1 message in the real process, and stops on SIGTERM', async () => {
  // No app id: the local-testing mode (Emulator, Agents Playground), which logs a warning.
  const proc = spawn(process.execPath, [CCM], {
    env: { PATH: process.env.PATH, HOME: dir, CCM_DB_PATH: join(dir, 'ccm.sqlite'), PORT: '0', CCM_ADAPTERS: 'teams' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  const exit = new Promise<number | null>((done) => proc.on('exit', (code) => done(code)));
  const port = await new Promise<number>((ready, fail) => {
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /is running \(.*\) on port (\d+)/.exec(stderr);
      if (match) ready(Number(match[1]));
    });
    void exit.then((code) => fail(new Error(`ccm exited with ${code}: ${stderr}`)));
  });
  expect(stderr).toContain('is running (teams)');
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

  const sent = message(connector.serviceUrl, 'meeting Kenya held on 2026-03-12 in capital');
  expect((await postActivity(`http://127.0.0.1:${port}/api/messages`, sent)).status).toBe(200);
  const [answer] = connector.postsTo(PERSONAL);
  expect(titleOf(answer!.body)).toBe('✓ Logged #1: meeting held, Kenya');

  proc.kill('SIGTERM');
  expect(await exit).toBe(0);
});
