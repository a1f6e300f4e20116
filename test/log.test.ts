/**
 * The operator's log: one request id on every line about a command (and in the reply that
 * quotes it), secrets redacted, and nothing members wrote at info level or above.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startChat } from '../src/chat.ts';
import { loadConfig } from '../src/config.ts';
import { consoleToLog } from '../src/log.ts';
import { capturedLog, createTestBot, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';
import { buttonBody, commandBody, eventRequest, SIGNING_SECRET, slackHeaders, startSlackStandIn } from './support/slack.ts';
import { message, PERSONAL, postActivity, startConnectorStandIn } from './support/teams.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function bot(log: ReturnType<typeof capturedLog>['log'], env?: Record<string, string>): TestBot {
  const made = createTestBot({ log, env });
  cleanups.push(() => made.close());
  return made;
}

describe('the request id', () => {
  it('is on every line about a command, and is the reference its error reply quotes', () => {
    const captured = capturedLog('debug');
    const test = bot(captured.log);
    // A trigger makes the audit insert fail: an unexpected error half-way through the command.
    test.database.sqlite.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    const reply = test.say('meeting Kenya held');
    const reference = /reference ([0-9a-f]{8})\)/.exec(reply.title)?.[1];
    expect(reply.code).toBe('internal');
    const failed = captured.lines.find((line) => line.message === 'command failed');
    expect(failed).toMatchObject({ level: 'error', requestId: reference, command: 'meeting', platform: 'shell' });
    expect(String(failed?.error)).toContain('disk on fire');
  });

  it('is the one an adapter gave the command, on the command line of the log', () => {
    const captured = capturedLog('info');
    const test = bot(captured.log);
    test.core.handle({ text: 'meeting Kenya held', actor: slackActor('U1', 'Ana'), place: slackPlace('C1'), requestId: 'a1b2c3d4' });
    test.core.handle({ text: 'state Kenya', actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
    const commands = captured.lines.filter((line) => line.message === 'command');
    expect(commands).toEqual([
      expect.objectContaining({ level: 'info', requestId: 'a1b2c3d4', command: 'meeting', platform: 'slack', user: 'U1', tone: 'success' }),
      expect.objectContaining({ level: 'info', requestId: expect.stringMatching(/^[0-9a-f]{8}$/), command: 'state', tone: 'info' }),
    ]);
    expect(commands[1]?.requestId).not.toBe('a1b2c3d4');
  });

  it('is set by the Slack adapter when the request arrives, so its own lines carry it', async () => {
    const captured = capturedLog('debug');
    const slack = await startSlackStandIn();
    cleanups.push(() => slack.close());
    // users.info fails: the adapter logs it while handling the command, before the core runs.
    slack.answer('users.info', () => ({ body: { ok: false, error: 'user_not_found' } }));
    const test = bot(captured.log, { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
    const chat = await startChat(test, { host: '127.0.0.1', heartbeat: false });
    cleanups.push(() => chat.stop());
    const body = commandBody('meeting Kenya held');
    const response = await fetch(`http://127.0.0.1:${chat.http.port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
    expect(response.status).toBe(200);
    const lookup = captured.lines.find((line) => line.message === 'users.info failed');
    const command = captured.lines.find((line) => line.message === 'command');
    expect(lookup?.requestId).toMatch(/^[0-9a-f]{8}$/);
    expect(command).toMatchObject({ requestId: lookup?.requestId, command: 'meeting', platform: 'slack' });
  });

  it('is set by the Teams adapter for each activity, so its own lines carry it', async () => {
    const captured = capturedLog('info');
    const connector = await startConnectorStandIn();
    cleanups.push(() => connector.close());
    // The private answer to a channel command cannot be posted: the adapter logs it after the core ran.
    connector.stub((call) => (call.kind === 'send' && call.conversationId === PERSONAL ? { status: 403, body: { error: { code: 'Forbidden' } } } : undefined));
    const test = bot(captured.log, { CCM_ADAPTERS: 'teams', PORT: '0' });
    const chat = await startChat(test, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
    cleanups.push(() => chat.stop());
    const sent = await postActivity(
      `http://127.0.0.1:${chat.http.port}/api/messages`,
      message(connector.serviceUrl, 'meeting Kenya held', { where: 'channel' }),
    );
    expect(sent.status).toBe(200);
    const command = captured.lines.find((line) => line.message === 'command');
    const failed = captured.lines.find((line) => line.message === 'teams: the private answer could not be posted');
    expect(command).toMatchObject({ requestId: expect.stringMatching(/^[0-9a-f]{8}$/), command: 'meeting', platform: 'teams' });
    expect(failed).toMatchObject({ level: 'error', requestId: command?.requestId });
  });
});

describe('secrets', () => {
  it('are redacted from every line, by key and by shape', () => {
    const captured = capturedLog('debug');
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-QQA-bot-token',
      SLACK_SIGNING_SECRET: 'signing-secret-QQB',
      SLACK_APP_TOKEN: 'xapp-QQC-app-token',
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'app-password-QQD',
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
    });
    captured.log.info('configuration', { config });
    captured.log.warn('slack call', {
      request: { headers: { authorization: 'Bearer xoxb-QQE-in-a-header', 'content-type': 'application/json' } },
      env: { SLACK_SIGNING_SECRET: 'signing-secret-QQF', MICROSOFT_APP_PASSWORD: 'app-password-QQG' },
    });
    captured.log.child({ requestId: 'r1', token: 'xoxb-QQH-in-a-binding' }).error('Bolt said: Authorization: Bearer xoxb-QQI-in-text, and xapp-QQJ-too');

    const text = captured.text();
    for (const secret of ['QQA', 'QQB', 'QQC', 'QQD', 'QQE', 'QQF', 'QQG', 'QQH', 'QQI', 'QQJ']) expect(text).not.toContain(secret);
    const [configuration] = captured.lines;
    // What is not secret stays readable.
    expect(configuration).toMatchObject({
      config: {
        settings: {
          slack: { botToken: '[redacted]', signingSecret: '[redacted]', appToken: '[redacted]' },
          teams: { appId: '00000000-0000-0000-0000-000000000001', appPassword: '[redacted]', tenantId: '00000000-0000-0000-0000-000000000002' },
        },
      },
    });
    expect(captured.lines[1]).toMatchObject({ request: { headers: { authorization: '[redacted]', 'content-type': 'application/json' } } });
    expect(captured.lines[2]?.message).toBe('Bolt said: Authorization: [redacted], and [redacted]');
  });
});

describe('what members wrote', () => {
  const NOTE = 'zanzibar-confidential';

  /** Commands carrying the note in every place members write text, and refusals that echo it. */
  const commands = [
    `meeting Kenya held — ${NOTE}`,
    `contacted Viet Nam via capital — ${NOTE}`,
    `next Kenya ${NOTE} by 1 May`,
    `edit #1 — ${NOTE} again`,
    `barrier Kenya legal — ${NOTE}`,
    `interim Kenya statement of support — ${NOTE}`,
    `announced Angola — ${NOTE}`,
    `workshop ${NOTE} with Kenya, Uganda — accession pathway`,
    `${NOTE} meeting Kenya`,
    `meeting ${NOTE} held`,
    `next Kenya ${NOTE} by someday`,
  ];

  it('never reaches the log at info level, in the core', () => {
    const captured = capturedLog('info');
    const test = bot(captured.log);
    for (const command of commands) test.say(command);
    expect(captured.lines.filter((line) => line.message === 'command')).toHaveLength(commands.length);
    expect(captured.text()).not.toContain(NOTE);
  });

  it('never reaches the log at info level, over Slack with Bolt', async () => {
    const captured = capturedLog('info');
    const slack = await startSlackStandIn();
    cleanups.push(() => slack.close());
    const test = bot(captured.log, { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
    const chat = await startChat(test, { host: '127.0.0.1', heartbeat: false });
    cleanups.push(() => chat.stop());
    const events = `http://127.0.0.1:${chat.http.port}/slack/events`;
    for (const command of commands) {
      const body = commandBody(command);
      expect((await fetch(events, { method: 'POST', body, headers: slackHeaders(body) })).status).toBe(200);
    }
    // A button whose command carries the note, and a badly signed request Bolt turns away.
    const press = buttonBody({ value: `next Kenya ${NOTE} by 2 May`, actionId: 'ccm_run_0', responseUrl: `${slack.url}/respond` });
    expect((await fetch(events, { method: 'POST', body: press, headers: slackHeaders(press) })).status).toBe(200);
    const forged = commandBody(`meeting Kenya held — ${NOTE}`);
    expect((await fetch(events, { method: 'POST', body: forged, headers: slackHeaders(forged, { secret: 'wrong-secret-000000' }) })).status).toBe(401);
    expect(captured.lines.filter((line) => line.message === 'command').length).toBeGreaterThanOrEqual(commands.length + 1);
    expect(captured.text()).not.toContain(NOTE);
  });

  it('never reaches the log at debug level, over Slack and Teams, in Bolt’s, its Web API client’s and botbuilder’s own lines', async () => {
    const captured = capturedLog('debug');
    const slack = await startSlackStandIn();
    cleanups.push(() => slack.close());
    const connector = await startConnectorStandIn();
    cleanups.push(() => connector.close());
    const test = bot(captured.log, {
      CCM_ADAPTERS: 'slack,teams',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
    });
    // What botbuilder prints goes to the log as in `ccm start`.
    const quiet = (..._parts: unknown[]) => {};
    const console = { debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet };
    cleanups.push(consoleToLog(captured.log, console));
    const chat = await startChat(test, { host: '127.0.0.1', heartbeat: false, homeRefreshMs: 0 });
    cleanups.push(() => chat.stop());
    const events = `http://127.0.0.1:${chat.http.port}/slack/events`;
    const command = commandBody(`next Kenya ${NOTE} by 1 May`);
    expect((await fetch(events, { method: 'POST', body: command, headers: slackHeaders(command) })).status).toBe(200);
    // The Home tab, published with the next step on it.
    const home = eventRequest({ type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home', event_ts: '1700000000.000001' });
    expect((await fetch(events, { method: 'POST', body: home.body, headers: home.headers })).status).toBe(200);
    for (let waited = 0; slack.callsTo('views.publish').length === 0 && waited < 3000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.stringify(slack.callsTo('views.publish')[0]?.body)).toContain(NOTE);
    const teams = await postActivity(`http://127.0.0.1:${chat.http.port}/api/messages`, message(connector.serviceUrl, `meeting Kenya held — ${NOTE}`));
    expect(teams.status).toBe(200);
    expect(connector.postsTo(PERSONAL)).toHaveLength(1);
    // As botbuilder prints a refusal, and an activity (its transcript logger).
    console.error(new Error('Unauthorized. Invalid AppId passed on token'));
    console.log('Activity Log:', { type: 'message', text: NOTE });
    // Bolt and the Web API client did write their lines, cut before the payloads.
    expect(captured.lines.some((line) => line.source === 'bolt' && String(line.message).startsWith('http request body: '))).toBe(true);
    expect(captured.lines.some((line) => line.source === 'console' && line.level === 'error')).toBe(true);
    expect(captured.lines.filter((line) => JSON.stringify(line).includes(NOTE))).toEqual([]);
  });
});
