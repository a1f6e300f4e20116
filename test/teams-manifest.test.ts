/**
 * The Teams app manifest and its package: command menus made of real commands within Teams'
 * limits, the manifest valid against the schema `@microsoft/app-manifest` ships (offline), the
 * icons Teams accepts, and `npm run package:teams` building the zip an operator uploads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DIALOG_INVOKES, LOG_OUTREACH_COMMAND_ID } from '../src/adapters/teams/dialogs.ts';
import { LOG_MESSAGE_COMMAND_ID } from '../src/adapters/teams/message-action.ts';
import { commands } from '../src/commands/index.ts';
import { COMMAND_LIST_LIMITS, commandDescription, fillTeamsManifest, PackageError, TEAMS_MANIFEST_DIR } from '../scripts/teams-package.ts';
import { tempDir } from './support/harness.ts';

const root = resolve(import.meta.dirname, '..');
const template = readFileSync(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8');
const BOT_ID = '3f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a098';
const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const filled = (env: Record<string, string> = {}) => fillTeamsManifest(template, { MICROSOFT_APP_ID: BOT_ID, ...env }, '0.1.0');

/** The Teams manifest schemas the package ships, read from disk: validation never fetches. */
const schemasDir = join(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
function schemaErrors(manifest: Record<string, unknown>, version = manifest.manifestVersion as string): Promise<string[]> {
  const schema = JSON.parse(readFileSync(join(schemasDir, `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8'));
  return AppManifestUtils.validateAgainstSchema({ ...manifest, manifestVersion: version } as never, schema);
}

describe('the Teams command menus', () => {
  const { manifest } = filled();
  const [bot] = manifest.bots;

  it('offer one list for each scope the bot is installed in', () => {
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists.length).toBeLessThanOrEqual(COMMAND_LIST_LIMITS.lists);
    expect(bot.commandLists.map((list: { scopes: string[] }) => list.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
  });

  it('list real commands, described by their summaries, within the limits of every manifest version', () => {
    for (const list of bot.commandLists as { commands: { title: string; description: string }[] }[]) {
      expect(list.commands.length).toBeLessThanOrEqual(COMMAND_LIST_LIMITS.commands);
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      for (const { title, description } of list.commands) {
        const command = commands.find((c) => c.name === title);
        expect(command, `${title} is not a command in src/commands/index.ts`).toBeDefined();
        expect(title.length).toBeLessThanOrEqual(COMMAND_LIST_LIMITS.title);
        expect(description, `regenerate the description of ${title} from its summary`).toBe(commandDescription(command!.summary));
        expect(description.length).toBeLessThanOrEqual(COMMAND_LIST_LIMITS.description);
      }
      expect(list.commands.map((c) => c.title)).toContain('help');
    }
  });

  it('cut a long summary at a word, and drop the backticks chat uses for commands', () => {
    expect(commandDescription('Mark it with `done`.')).toBe('Mark it with done.');
    const long = commandDescription(`${'word '.repeat(40)}end`);
    expect(long.length).toBeLessThanOrEqual(COMMAND_LIST_LIMITS.description);
    expect(long).toMatch(/word…$/);
  });
});

describe('the Teams message extension', () => {
  const { manifest } = filled();

  it('declares the action command for every dialog invoke the adapter answers, within the manifest limits', () => {
    // One message extension per app, at most 10 commands, as the schema of every version says.
    expect(manifest.composeExtensions).toHaveLength(1);
    const [extension] = manifest.composeExtensions;
    expect(extension.botId).toBe(manifest.bots[0].botId);
    expect(extension.commands.length).toBeLessThanOrEqual(10);
    const composeInvokes = DIALOG_INVOKES.filter((name) => name.startsWith('composeExtension/'));
    expect(composeInvokes).toEqual(['composeExtension/fetchTask', 'composeExtension/submitAction']);
    const command = extension.commands.find((c: { id: string }) => c.id === LOG_OUTREACH_COMMAND_ID);
    // fetchTask: Teams asks the bot for the dialog (composeExtension/fetchTask), then posts its submission (submitAction).
    expect(command).toEqual({
      id: LOG_OUTREACH_COMMAND_ID,
      type: 'action',
      title: 'Log outreach',
      description: expect.any(String),
      context: ['compose', 'commandBox'],
      fetchTask: true,
    });
    // "Log to ccm-bot" in a message's menu: the dialog filled in from that message.
    expect(extension.commands.find((c: { id: string }) => c.id === LOG_MESSAGE_COMMAND_ID)).toEqual({
      id: LOG_MESSAGE_COMMAND_ID,
      type: 'action',
      title: 'Log to ccm-bot',
      description: expect.any(String),
      context: ['message'],
      fetchTask: true,
    });
    expect(extension.commands.map((c: { id: string }) => c.id)).toEqual([LOG_OUTREACH_COMMAND_ID, LOG_MESSAGE_COMMAND_ID]);
    for (const each of extension.commands) {
      expect(each.title.length).toBeLessThanOrEqual(COMMAND_LIST_LIMITS.title);
      expect(each.description.length).toBeLessThanOrEqual(COMMAND_LIST_LIMITS.description);
    }
    // task/fetch and task/submit come from a card's button: the bot's own scopes, no declaration of their own.
    expect(DIALOG_INVOKES.filter((name) => name.startsWith('task/'))).toEqual(['task/fetch', 'task/submit']);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
  });
});

describe('the Teams app manifest', () => {
  it('is valid, once filled in, against the schema of its version that @microsoft/app-manifest ships', async () => {
    const { manifest } = filled();
    expect(existsSync(join(schemasDir, `v${manifest.manifestVersion}`))).toBe(true);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(await schemaErrors(manifest)).toEqual([]);
    // The same content is valid on 1.19 too: older Teams clients read the command menus the same.
    expect(await schemaErrors(manifest, '1.19')).toEqual([]);
  });

  it('is on the newest manifest version the package ships a schema for', () => {
    const versions = readdirSync(schemasDir)
      .filter((v) => /^v1\.\d+$/.test(v))
      .map((v) => Number(v.split('.')[1]));
    expect(filled().manifest.manifestVersion).toBe(`1.${Math.max(...versions)}`);
  });

  it('names the app, its bot, and the icons the package holds', () => {
    const { manifest } = filled({ CCM_TEAMS_APP_ID: APP_ID, CCM_TEAMS_APP_VERSION: '1.4.2' });
    expect(manifest).toMatchObject({ id: APP_ID, version: '1.4.2', name: { short: 'CCM', full: 'CCM Universalization log' } });
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(filled().manifest.id).toBe(BOT_ID);
  });

  it('is a template: the ids and the version are filled in at packaging time', async () => {
    expect([...new Set([...template.matchAll(/\{\{\w+\}\}/g)].map((m) => m[0]))].sort()).toEqual([
      '{{CCM_TEAMS_APP_ID}}',
      '{{CCM_TEAMS_APP_VERSION}}',
      '{{MICROSOFT_APP_ID}}',
    ]);
    expect((await schemaErrors(JSON.parse(template))).length).toBeGreaterThan(0);
  });

  it('takes developer details and valid domains from the environment, and warns while they are placeholders', () => {
    expect(filled().warnings).toHaveLength(4);
    const { manifest, warnings } = filled({
      CCM_TEAMS_DEVELOPER_NAME: 'Norway and Costa Rica',
      CCM_TEAMS_WEBSITE_URL: 'https://ccm.example.net',
      CCM_TEAMS_PRIVACY_URL: 'https://ccm.example.net/privacy',
      CCM_TEAMS_TERMS_URL: 'https://ccm.example.net/terms',
      CCM_TEAMS_VALID_DOMAINS: 'ccm.example.net, files.example.net',
    });
    expect(warnings).toEqual([]);
    expect(manifest.developer.name).toBe('Norway and Costa Rica');
    expect(manifest.validDomains).toEqual(['ccm.example.net', 'files.example.net']);
  });

  it('refuses an environment without a usable bot id or version, saying which variable', () => {
    const refuse = (env: Record<string, string | undefined>) => () => fillTeamsManifest(template, env, '0.1.0');
    expect(refuse({})).toThrow(PackageError);
    expect(refuse({})).toThrow(/MICROSOFT_APP_ID is not set/);
    expect(refuse({ MICROSOFT_APP_ID: 'ccm-bot' })).toThrow(/MICROSOFT_APP_ID is "ccm-bot", not a GUID/);
    expect(refuse({ MICROSOFT_APP_ID: BOT_ID, CCM_TEAMS_APP_ID: 'x' })).toThrow(/CCM_TEAMS_APP_ID/);
    expect(refuse({ MICROSOFT_APP_ID: BOT_ID, CCM_TEAMS_APP_VERSION: '1.0' })).toThrow(/CCM_TEAMS_APP_VERSION is "1.0"/);
  });
});

describe('the Teams icons', () => {
  const png = (name: string) => PNG.sync.read(readFileSync(join(TEAMS_MANIFEST_DIR, name)));

  it('are a 192×192 colour icon and a 32×32 outline', () => {
    expect([png('color.png').width, png('color.png').height]).toEqual([192, 192]);
    expect([png('outline.png').width, png('outline.png').height]).toEqual([32, 32]);
  });

  it('draw the outline in white on transparent, as Teams requires', () => {
    const { data } = png('outline.png');
    let white = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a === 0) continue;
      expect([r, g, b]).toEqual([255, 255, 255]);
      white++;
    }
    expect(white).toBeGreaterThan(50);
    expect(white).toBeLessThan(32 * 32);
  });
});

describe('npm run package:teams', () => {
  const run = (out: string, env: Record<string, string>) =>
    spawnSync('npm', ['run', '--silent', 'package:teams', '--', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: dirname(out), ...env },
    });

  it('builds the zip Teams takes, with the ids filled in, and prints its path', () => {
    const dir = tempDir();
    try {
      const out = join(dir, 'ccm-teams.zip');
      const result = run(out, { MICROSOFT_APP_ID: BOT_ID, CCM_TEAMS_APP_ID: APP_ID });
      expect(result.stderr).toContain(`Teams app ${APP_ID}, version 0.1.0, bot ${BOT_ID}`);
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe(out);
      const entries = unzipSync(readFileSync(out));
      expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
      expect(manifest.id).toBe(APP_ID);
      expect(manifest.bots[0].botId).toBe(BOT_ID);
      expect(JSON.stringify(manifest)).not.toContain('{{');
      for (const icon of ['color.png', 'outline.png']) expect(Buffer.from(entries[icon]!)).toEqual(readFileSync(join(TEAMS_MANIFEST_DIR, icon)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, saying why, without MICROSOFT_APP_ID', () => {
    const dir = tempDir();
    try {
      const out = join(dir, 'ccm-teams.zip');
      const result = run(out, {});
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^Cannot build the Teams package: MICROSOFT_APP_ID is not set/m);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
