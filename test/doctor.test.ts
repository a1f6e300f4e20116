/**
 * `ccm doctor` as an operator runs it: the declared subcommand on real files, against the Slack
 * stand-in, on a controlled day. Each broken thing is a ✗ or ! line naming it with the fix.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { findSubcommand } from '../src/cli/index.ts';
import { parseArguments } from '../src/cli/subcommand.ts';
import { manifestScopes } from '../src/adapters/slack/doctor.ts';
import { collector } from './support/cli.ts';
import { tempDir } from './support/harness.ts';
import { type SlackStandIn, startSlackStandIn } from './support/slack.ts';

const NOW = new Date('2026-03-10T09:00:00Z');
/** A signing secret of the shape Slack gives. */
const SECRET = '0123456789abcdef0123456789abcdef';

let dir: string;
let dbPath: string;
let slack: SlackStandIn;
let proxy: Server;
let publicUrl: string;

beforeEach(async () => {
  dir = tempDir();
  dbPath = join(dir, 'ccm.sqlite');
  slack = await startSlackStandIn();
  grantScopes(manifestScopes());
  // The public address, as a reverse proxy in front of the bot would answer it.
  proxy = createServer((req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404).end('{"ok":true}'));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  publicUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await slack.close();
  await new Promise((resolve) => proxy.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function grantScopes(scopes: string[]): void {
  slack.answer('auth.test', () => ({ body: { ok: true, team_id: 'T1', team: 'CCM WG', user_id: 'UBOT' }, headers: { 'x-oauth-scopes': scopes.join(',') } }));
}

function env(): Record<string, string> {
  return {
    CCM_DB_PATH: dbPath,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    CCM_ALLOWED_WORKSPACES: 'T1',
    CCM_PUBLIC_URL: publicUrl,
  };
}

/** `ccm <argv>` for a command that reads the environment or the database file, as main.ts runs it, on the test's day. */
async function ccm(argv: string[], environment = env()): Promise<{ code: number; out: string; err: string }> {
  const { command, words } = findSubcommand(argv);
  const out = collector();
  const err = collector();
  const io = { out: out.stream, err: err.stream };
  const args = parseArguments(command, words);
  let code: number;
  if (command.needs === 'environment') code = await command.run(args, { env: environment, io, now: NOW });
  else if (command.needs === 'database file') code = await command.run(args, { dbPath, io, now: NOW });
  else throw new Error(`ccm ${command.name} is not run here`);
  return { code, out: out.text(), err: err.text() };
}

async function healthySetup(): Promise<void> {
  expect((await ccm(['init'])).code).toBe(0);
  expect((await ccm(['backup', join(dir, 'backup.sqlite')])).code).toBe(0);
}

it('says all is well on a healthy setup: every line ✓, exit 0', async () => {
  await healthySetup();
  const { code, out } = await ccm(['doctor']);
  const lines = out.trimEnd().split('\n');
  expect(lines.map((line) => line.split(':')[0])).toEqual([
    '✓ configuration',
    '✓ database migrations',
    '✓ database integrity',
    '✓ database file modes',
    '✓ disk space',
    '✓ Slack token',
    '✓ Slack token scopes',
    '✓ Slack signing secret',
    '✓ time zone',
    '✓ plans',
    '✓ plan in force',
    '✓ last backup',
    '✓ public address',
  ]);
  expect(out).toContain('✓ Slack token: valid, for workspace T1 (CCM WG)');
  expect(out).toContain('✓ last backup: 2026-03-10T09:00:00.000Z (less than an hour ago), 0 entries in');
  expect(code).toBe(0);
});

it('fails naming the scope the token lacks, with how to grant it', async () => {
  await healthySetup();
  grantScopes(manifestScopes().filter((scope) => scope !== 'files:write'));
  const { code, out } = await ccm(['doctor']);
  expect(out).toContain(
    '✗ Slack token scopes: missing files:write → add files:write under OAuth & Permissions → Bot Token Scopes (or paste manifests/slack.yaml again), reinstall the app, and copy the new token\n',
  );
  expect(code).toBe(1);
});

it('fails on a database others can read, with the chmod that fixes it', async () => {
  await healthySetup();
  chmodSync(dbPath, 0o644);
  const { code, out } = await ccm(['doctor']);
  expect(out).toContain(`✗ database file modes: others can read the log: ${dbPath} 0644 → chmod 600 ${dbPath} (the next start does it too)`);
  expect(code).toBe(1);
});

it('warns when no backup was ever recorded, without failing', async () => {
  expect((await ccm(['init'])).code).toBe(0);
  const { code, out } = await ccm(['doctor']);
  expect(out).toContain('! last backup: none recorded beside the database → run ccm backup <file> daily (deploy/ccm-backup.timer)');
  expect(out).not.toContain('✗');
  expect(code).toBe(0);
});

it('prints the same checks as JSON for monitoring', async () => {
  await healthySetup();
  chmodSync(dbPath, 0o640);
  const { code, out } = await ccm(['doctor', '--json']);
  const report = JSON.parse(out) as { ok: boolean; checks: { status: string; check: string; fix?: string }[] };
  expect(report.ok).toBe(false);
  expect(report.checks.find((c) => c.check === 'database file modes')).toMatchObject({ status: 'fail', fix: expect.stringContaining(`chmod 600 ${dbPath}`) });
  expect(report.checks.filter((c) => c.status !== 'ok').map((c) => c.check)).toEqual(['database file modes']);
  expect(code).toBe(1);
});

it('says a configuration that does not load, and checks nothing it needs', async () => {
  const { code, out } = await ccm(['doctor'], { ...env(), CCM_TIMEZONE: 'Mars/Olympus' });
  expect(out).toMatch(/^✗ configuration: Invalid configuration: CCM_TIMEZONE: Expected an IANA time zone/);
  expect(out.trimEnd().split('\n')).toHaveLength(1);
  expect(code).toBe(1);
});

it('fails when the public address does not answer /healthz', async () => {
  await healthySetup();
  const { code, out } = await ccm(['doctor'], { ...env(), CCM_PUBLIC_URL: `${publicUrl}/elsewhere` });
  expect(out).toContain(`✗ public address: ${publicUrl}/elsewhere/healthz answered 404 → check the reverse proxy`);
  expect(code).toBe(1);
});
