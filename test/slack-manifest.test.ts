import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MESSAGE_SHORTCUT_CALLBACK_ID, SHORTCUT_CALLBACK_ID } from '../src/adapters/slack/form.ts';
import { commands } from '../src/commands/index.ts';

const root = resolve(import.meta.dirname, '..');
const manifest = parse(readFileSync(join(root, 'manifests/slack.yaml'), 'utf8'));

/** The bot scope each Web API method needs (Slack's method reference). */
const SCOPE_OF_METHOD: Record<string, string> = {
  'users.info': 'users:read',
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'conversations.info': 'channels:read',
  // files.uploadV2 calls files.getUploadURLExternal and files.completeUploadExternal, both files:write.
  'files.uploadV2': 'files:write',
  // Opening a direct message with one person.
  'conversations.open': 'im:write',
  // Publishing a person's Home tab, and opening or redrawing a modal, need no scope.
  'views.publish': '',
  'views.open': '',
  'views.update': '',
};

/** The bot scope each event the code subscribes to needs (Slack's event reference). */
const SCOPE_OF_EVENT: Record<string, string> = {
  app_home_opened: '',
  'message.im': 'im:history',
};

/** Every event the Slack adapter handles: `app.event('<type>'`, with `message` read in direct messages only (message.im). */
function eventsHandled(): Set<string> {
  const found = new Set<string>();
  const folder = join(root, 'src/adapters/slack');
  for (const file of readdirSync(folder)) {
    for (const match of readFileSync(join(folder, file), 'utf8').matchAll(/app\.event\(\s*'([\w.]+)'/g))
      found.add(match[1] === 'message' ? 'message.im' : match[1]!);
  }
  return found;
}

/** Every shortcut the Slack adapter answers: `app.shortcut({ callback_id: <constant>, type: '<type>' })`, as `callback id:manifest type`. */
function shortcutsAnswered(): string[] {
  const ids: Record<string, string> = { SHORTCUT_CALLBACK_ID, MESSAGE_SHORTCUT_CALLBACK_ID };
  const manifestType: Record<string, string> = { shortcut: 'global', message_action: 'message' };
  const source = readFileSync(join(root, 'src/adapters/slack/form.ts'), 'utf8');
  return [...source.matchAll(/app\.shortcut\(\{\s*callback_id:\s*(\w+),\s*type:\s*'(\w+)'/g)].map((m) => `${ids[m[1]!]}:${manifestType[m[2]!]}`).sort();
}

/** Every `client.<family>.<method>(` call in the source. */
function webApiMethodsCalled(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/client\s*\.\s*(\w+)\s*\.\s*(\w+)\s*\(/g)) found.add(`${match[1]}.${match[2]}`);
      }
    }
  };
  walk(join(root, 'src'));
  return found;
}

describe('the Slack app manifest', () => {
  it('declares /ccm with a usage hint made of real commands', () => {
    const [ccm] = manifest.features.slash_commands;
    expect(ccm.command).toBe('/ccm');
    expect(ccm.url).toMatch(/\/slack\/events$/);
    const words = (ccm.usage_hint as string).split('|').map((part) => part.trim().split(' ')[0]);
    const names = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    for (const word of words) expect(names).toContain(word);
  });

  it('asks for exactly the scopes the code needs', () => {
    const methods = webApiMethodsCalled();
    expect(methods).toEqual(new Set(['users.info', 'chat.postMessage', 'conversations.open', 'files.uploadV2', 'views.publish', 'views.open', 'views.update']));
    const events = eventsHandled();
    expect(events).toEqual(new Set(['app_home_opened', 'message.im']));
    const needed = new Set(['commands', ...[...methods].map((m) => SCOPE_OF_METHOD[m]), ...[...events].map((e) => SCOPE_OF_EVENT[e])].filter(Boolean));
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
  });

  it('has a Home tab, published when the app_home_opened event arrives at the same endpoint', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: manifest.features.slash_commands[0].url,
      bot_events: [...eventsHandled()].sort(),
    });
  });

  it('lets members write to the app in its Messages tab, and reads no channel', () => {
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.settings.event_subscriptions.bot_events.filter((e: string) => e.startsWith('message.'))).toEqual(['message.im']);
    expect(manifest.oauth_config.scopes.bot.filter((s: string) => s.endsWith(':history'))).toEqual(['im:history']);
  });

  it('sends button presses to the same endpoint, with Socket Mode off by default', () => {
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true, request_url: manifest.features.slash_commands[0].url });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('declares the shortcuts the code answers, and the options load URL at the same endpoint', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ name: 'Log outreach', type: 'global', callback_id: SHORTCUT_CALLBACK_ID }),
      expect.objectContaining({ name: 'Log to ccm-bot', type: 'message', callback_id: MESSAGE_SHORTCUT_CALLBACK_ID }),
    ]);
    // Every shortcut the adapter answers is declared, with the type it is answered as.
    expect(shortcutsAnswered()).toEqual(manifest.features.shortcuts.map((s: { callback_id: string; type: string }) => `${s.callback_id}:${s.type}`).sort());
    // A shortcut needs the `commands` scope, which /ccm asks for already.
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
    expect(manifest.settings.interactivity.message_menu_options_url).toBe(manifest.features.slash_commands[0].url);
  });
});
