/**
 * A request from a workspace or tenant the group does not allow (an install of the app
 * elsewhere) reads nothing and writes nothing: every command, over signed HTTP to the real
 * Slack adapter and as Bot Framework activities to the real Teams adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { commands } from '../src/commands/index.ts';
import { createLog } from '../src/log.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { buttonBody, commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';
import { type ConnectorStandIn, installed, invoke, message, postActivity, startConnectorStandIn, submit, TENANT } from './support/teams.ts';
import { messageShortcutBody, shortcutBody, submissionBody, suggestionBody } from './support/slack-form.ts';

const OTHER_TEAM = 'T0THERWS';
const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
/** Every command as documented, so that a command added later is covered without touching this test. */
const EVERY_COMMAND = commands.flatMap((c) => c.examples);

let slack: SlackStandIn;
let connector: ConnectorStandIn;
let bot: TestBot;
let chat: ChatServices;
let base: string;
const logLines: string[] = [];

beforeAll(async () => {
  slack = await startSlackStandIn();
  connector = await startConnectorStandIn();
  bot = createTestBot({
    env: {
      CCM_ADAPTERS: 'slack,teams',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      CCM_ALLOWED_WORKSPACES: 'T1',
      CCM_ALLOWED_TENANTS: TENANT,
    },
    log: createLog('warn', { write: (line: string) => logLines.push(line) }),
  });
  // Something to leak, were anything read: a logged meeting with a note.
  bot.say('meeting Kenya held — met the legal adviser');
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  base = `http://127.0.0.1:${chat.http.port}`;
});

afterAll(async () => {
  await chat.stop();
  bot.close();
  await slack.close();
  await connector.close();
});

/** Every table's row count: what "nothing was written" means. */
function snapshot(): Record<string, number> {
  const tables = bot.database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, bot.database.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

async function slackCommand(text: string, team: string) {
  const body = commandBody(text, { team_id: team, user_id: 'U9', user_name: 'eve' });
  const response = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
  return { status: response.status, text: await response.text() };
}

describe('Slack: a workspace not in CCM_ALLOWED_WORKSPACES', () => {
  it('gets a short refusal for every command, and nothing is read from Slack or written', async () => {
    const before = snapshot();
    const callsBefore = slack.calls.length;
    for (const text of EVERY_COMMAND) {
      const answer = await slackCommand(text, OTHER_TEAM);
      expect(answer.status, text).toBe(200);
      expect(answer.text, text).toContain('ccm-bot does not serve this workspace');
      expect(answer.text, text).not.toContain('Kenya');
    }
    expect(snapshot()).toEqual(before);
    // Not even the person's name was looked up.
    expect(slack.calls.length).toBe(callsBefore);
    expect(logLines.filter((l) => l.includes('not allowed') && l.includes(OTHER_TEAM))).toHaveLength(EVERY_COMMAND.length);
  });

  it('refuses a button pressed there, changing nothing', async () => {
    const before = snapshot();
    const payload = JSON.parse(
      decodeURIComponent(buttonBody({ value: 'undo #1', actionId: 'ccm_run_0', responseUrl: `${slack.url}/respond/foreign` }).slice(8)),
    );
    payload.team.id = OTHER_TEAM;
    payload.user.team_id = OTHER_TEAM;
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const response = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
    expect(response.status).toBe(200);
    for (let waited = 0; waited < 2000 && !slack.calls.some((c) => c.path === '/respond/foreign'); waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.stringify(slack.calls.find((c) => c.path === '/respond/foreign')?.body)).toContain('does not serve this workspace');
    expect(snapshot()).toEqual(before);
  });

  it('opens no form there, offers no state, and stores no submission', async () => {
    const before = snapshot();
    const send = async (body: string) => {
      // The same payloads as the group's, from the other workspace.
      const payload = JSON.parse(decodeURIComponent(body.slice('payload='.length)));
      payload.team = { id: OTHER_TEAM, domain: 'elsewhere' };
      payload.user.team_id = OTHER_TEAM;
      const signed = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      const response = await fetch(`${base}/slack/events`, { method: 'POST', body: signed, headers: slackHeaders(signed) });
      return { status: response.status, text: await response.text() };
    };
    const opened = () => slack.calls.filter((c) => c.path.endsWith('views.open')).length;
    const openedBefore = opened();
    expect((await send(shortcutBody())).status).toBe(200);
    expect((await send(messageShortcutBody('Met the Kenyan mission yesterday in Geneva.'))).status).toBe(200);
    expect(JSON.parse((await send(suggestionBody('ken', { id: 'V1' }))).text)).toEqual({ options: [] });
    const view = { id: 'V9', hash: 'h9', private_metadata: '{}', blocks: [] };
    const kenya = { what: 'meeting' as const, state: { iso3: 'KEN', label: 'Kenya (KEN)' }, date: '2026-03-03', level: 'geneva' as const };
    expect((await send(submissionBody(view, kenya))).status).toBe(200);
    expect(opened()).toBe(openedBefore);
    expect(snapshot()).toEqual(before);
  });

  it('still serves the group’s own workspace', async () => {
    const answer = await slackCommand('state Kenya', 'T1');
    expect(answer.text).toContain('Kenya');
  });
});

describe('Teams: a tenant not in CCM_ALLOWED_TENANTS', () => {
  const foreign = <T extends { conversation: { tenantId?: string }; channelData: { tenant: { id: string } } }>(activity: T): T => ({
    ...activity,
    conversation: { ...activity.conversation, tenantId: OTHER_TENANT },
    channelData: { ...activity.channelData, tenant: { id: OTHER_TENANT } },
  });

  it('gets a short refusal for every command in a 1:1 chat or a channel, and nothing is written', async () => {
    const before = snapshot();
    for (const text of EVERY_COMMAND) {
      for (const where of ['personal', 'channel'] as const) {
        connector.calls.length = 0;
        const answer = await postActivity(`${base}/api/messages`, foreign(message(connector.serviceUrl, text, { where })));
        expect(answer.status, text).toBe(200);
        // One answer where it was typed; no 1:1 chat opened to answer privately.
        expect(
          connector.calls.map((c) => c.kind),
          `${text} in ${where}`,
        ).toEqual(['reply']);
        const shown = JSON.stringify(connector.calls[0]!.body);
        expect(shown).toContain('does not serve this workspace');
        expect(shown).not.toContain('Kenya');
      }
    }
    expect(snapshot()).toEqual(before);
  });

  it('neither welcomes nor remembers anyone when the app is added there, and refuses its buttons', async () => {
    const before = snapshot();
    connector.calls.length = 0;
    expect((await postActivity(`${base}/api/messages`, foreign(installed(connector.serviceUrl, 'personal')))).status).toBe(200);
    expect(connector.calls).toEqual([]);
    expect((await postActivity(`${base}/api/messages`, foreign(submit(connector.serviceUrl, { ccm: 'undo #1', settles: true }, 'card-1')))).status).toBe(200);
    // The press is refused below the card: nothing is replaced in another tenant.
    expect(connector.calls.map((c) => c.kind)).toEqual(['reply']);
    expect(JSON.stringify(connector.calls[0]!.body)).toContain('does not serve this workspace');
    expect(snapshot()).toEqual(before);
  });

  it('opens no dialog there and stores no submission, from the message box or a message', async () => {
    const before = snapshot();
    for (const commandId of ['logOutreach', 'logMessage']) {
      const fetched = await postActivity(
        `${base}/api/messages`,
        foreign(
          invoke(connector.serviceUrl, 'composeExtension/fetchTask', {
            commandId,
            context: { theme: 'default' },
            messagePayload: { body: { contentType: 'text', content: 'Met the Kenyan mission yesterday in Geneva.' } },
          }),
        ),
      );
      expect(fetched.json?.task?.type).toBe('message');
      expect(String(fetched.json?.task?.value)).toContain('does not serve this workspace');
    }
    const data = { ccmForm: 'log-outreach', what: 'meeting', opened: 'r1', state: 'KEN', date: '2026-03-03', level: 'geneva' };
    for (const name of ['composeExtension/submitAction', 'task/submit']) {
      expect((await postActivity(`${base}/api/messages`, foreign(invoke(connector.serviceUrl, name, { commandId: 'logOutreach', data })))).status).toBe(200);
    }
    expect(snapshot()).toEqual(before);
  });

  it('still serves the group’s own tenant', async () => {
    connector.calls.length = 0;
    await postActivity(`${base}/api/messages`, message(connector.serviceUrl, 'state Kenya'));
    expect(JSON.stringify(connector.calls[0]?.body)).toContain('Kenya');
  });
});

describe('start-up without allow-lists', () => {
  it('warns that any workspace can read the log, naming the variable to set', async () => {
    const lines: string[] = [];
    const open = createTestBot({
      env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
      log: createLog('warn', { write: (line: string) => lines.push(line) }),
    });
    const services = await startChat(open, { host: '127.0.0.1', heartbeat: false });
    await services.stop();
    open.close();
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'serving any workspace: anyone who installs the app can read and write the log',
        platforms: ['slack'],
        fix: ['CCM_ALLOWED_WORKSPACES'],
      }),
    );
  });
});
