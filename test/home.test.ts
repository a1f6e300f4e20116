/**
 * The home dashboard: `home` as a reply on every platform, and Slack's App Home published on
 * `app_home_opened` over signed HTTP, with a stand-in of Slack's Web API recording views.publish.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createLog } from '../src/log.ts';
import { createTestBot, fact, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';
import { buttonsOf, cardLines, message, PERSONAL, postActivity, startConnectorStandIn } from './support/teams.ts';
import { commandBody, eventRequest, homeButtonBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';

describe('home', () => {
  let bot: TestBot;
  beforeEach(() => {
    bot = createTestBot({ now: '2026-03-01T09:00:00Z' });
  });
  afterEach(() => bot.close());

  it("shows the person's own open steps with Done and Snooze, the next milestone, the figures and the latest entries", () => {
    bot.say('next Kenya send model instrument by 2026-03-05');
    bot.say('next Chad call the mission');
    bot.say('next Viet Nam follow up by 2026-04-01', 'bob');
    bot.say('meeting Kenya held', 'bob');
    bot.setNow('2026-03-10T09:00:00Z');
    const home = bot.say('home');
    expect(home.visibility).toBe('private');
    expect(fact(home, 'Your open next steps')).toBe('2, 1 overdue');
    // What falls due soonest: wg2 by the end of March, not PM1, whose window opened first.
    expect(fact(home, 'Next milestone')).toBe('Second meeting of the Informal Working Group on Universalisation: Mar 2026 (date not set)');
    const [steps, latest] = home.sections!;
    expect(steps!.items.map((i) => [i.text, i.detail])).toEqual([
      ['#1 · Kenya: send model instrument', 'overdue since 5 Mar 2026'],
      ['#2 · Chad: call the mission', 'no due date'],
    ]);
    expect(latest!.items.map((i) => i.text.split(' · ')[0])).toEqual(['#4', '#3', '#2', '#1']);
    expect(home.actions?.map((a) => a.command)).toEqual(['form', 'done #1', 'snooze #1 1 week', 'done #2', 'snooze #2 1 week']);
    expect(home.progress?.find((p) => p.label === 'Bilateral outreach meetings')).toMatchObject({ current: 1, target: 10 });
    bot.say('snooze #1 1 week');
    expect(bot.say('home').sections![0]!.items[0]!.detail).toBe('overdue since 5 Mar 2026 · snoozed until 16 Mar 2026');
  });
});

describe('the Slack App Home', () => {
  let slack: SlackStandIn;
  let bot: TestBot;
  let chat: ChatServices;
  let events: string;
  const logLines: string[] = [];

  beforeEach(async () => {
    slack = await startSlackStandIn();
    bot = createTestBot({
      env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', CCM_ALLOWED_WORKSPACES: 'T1' },
      log: createLog('warn', { write: (line: string) => logLines.push(line) }),
    });
    chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0, homeRefreshMs: 200 });
    events = `http://127.0.0.1:${chat.http.port}/slack/events`;
  });
  afterEach(async () => {
    await chat.stop();
    bot.close();
    await slack.close();
  });

  const post = (body: string, headers: Record<string, string> = slackHeaders(body)) => fetch(events, { method: 'POST', body, headers });
  const opened = (user: string, team = 'T1') => {
    const { body, headers } = eventRequest({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1700000000.000001' }, team);
    return post(body, headers);
  };
  const publishes = () =>
    slack.callsTo('views.publish').map((c) => ({ user: c.body.user_id, view: JSON.parse(String(c.body.view)) as { type: string; blocks: unknown[] } }));
  async function until<T>(read: () => T, ready: (value: T) => boolean): Promise<T> {
    for (let waited = 0; waited < 3000; waited += 10) {
      const value = read();
      if (ready(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return read();
  }

  it("is published when opened with the person's own steps, and Done on it marks the step done once when pressed twice", async () => {
    await post(commandBody('next Kenya send model instrument by 2026-03-20'));
    await post(commandBody('next Chad call the mission', { user_id: 'U2', user_name: 'ben' }));
    expect((await opened('U1')).status).toBe(200);
    const [first] = await until(publishes, (p) => p.length >= 1);
    expect(first!.user).toBe('U1');
    expect(first!.view.type).toBe('home');
    const text = JSON.stringify(first!.view.blocks);
    const steps = sectionText(first!.view.blocks, 'Your next steps');
    expect(steps).toContain('#1 · Kenya: send model instrument');
    // Ben's step is in the group's latest entries, never among Ana's own.
    expect(steps).not.toContain('Chad');
    expect(text).toContain('"value":"done #1"');
    // The view as published (the stand-in's id and hash), pressed twice.
    const view = { id: 'VU1', hash: 'h1' };
    for (let press = 0; press < 2; press++) expect((await post(homeButtonBody({ value: 'done #1', actionId: 'ccm_run_0', view }))).status).toBe(200);
    const answers = await until(
      () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'U1'),
      (a) => a.length >= 2,
    );
    expect(answers.map((a) => a.body.text)).toEqual(['Done: #1, Kenya', 'Done: #1, Kenya']);
    const done = bot.database.sqlite.prepare("SELECT count(*) FROM audit WHERE action = 'complete next step'").pluck().get();
    expect(done).toBe(1);
    // Refreshed after the person's own command, off the request path: the step is gone.
    const refreshed = await until(publishes, (p) => p.length >= 2);
    expect(refreshed).toHaveLength(2);
    expect(sectionText(refreshed[1]!.view.blocks, 'Your next steps')).not.toContain('#1 · Kenya');
  });

  it('publishes nothing for another workspace', async () => {
    expect((await opened('U9', 'T0THERWS')).status).toBe(200);
    await until(
      () => logLines.join(''),
      (text) => text.includes('request from an organization that is not allowed'),
    );
    expect(logLines.join('')).toContain('request from an organization that is not allowed');
    // A press on a Home tab from there changes nothing and answers nothing.
    await post(commandBody('next Kenya send model instrument by 2026-03-20'));
    const refusals = () => logLines.filter((line) => line.includes('request from an organization that is not allowed')).length;
    await post(homeButtonBody({ value: 'done #1', actionId: 'ccm_run_0', teamId: 'T0THERWS', view: { id: 'VU9', hash: 'h1' } }));
    await until(refusals, (n) => n >= 2);
    expect(refusals()).toBe(2);
    // The same event from the group's workspace is published: the first was refused, not slow.
    await opened('U1');
    expect((await until(publishes, (p) => p.length >= 1)).map((p) => p.user)).toEqual(['U1']);
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
    expect(bot.database.sqlite.prepare('SELECT completed_on FROM entries').pluck().all()).toEqual([null]);
  });
});

/** The text of the Home tab's section under a heading. */
function sectionText(blocks: unknown[], heading: string): string {
  const found = (blocks as { text?: { text?: string } }[]).find((b) => b.text?.text?.startsWith(`*${heading}*`));
  return found?.text?.text ?? '';
}

describe('home elsewhere', () => {
  it('answers in a Teams 1:1 chat with an Adaptive Card, its buttons running Done and Snooze', async () => {
    const connector = await startConnectorStandIn();
    const bot = createTestBot({ now: '2026-03-01T09:00:00Z', env: { CCM_ADAPTERS: 'teams', PORT: '0' } });
    const chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
    try {
      const endpoint = `http://127.0.0.1:${chat.http.port}/api/messages`;
      await postActivity(endpoint, message(connector.serviceUrl, 'next Kenya send model instrument by 2026-03-20'));
      await postActivity(endpoint, message(connector.serviceUrl, 'home'));
      const answer = connector.postsTo(PERSONAL).at(-1)!;
      const card = answer.body.attachments[0];
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardLines(card.content)).toEqual(expect.arrayContaining(['Home: Ana Ortiz', '• #1 · Kenya: send model instrument']));
      expect(buttonsOf(answer).map((b) => b.command)).toEqual(['form', 'done #1', 'snooze #1 1 week']);
    } finally {
      await chat.stop();
      bot.close();
      await connector.close();
    }
  });

  it('answers in a Slack channel privately, as every reply', () => {
    const bot = createTestBot();
    try {
      const reply = bot.core.handle({ text: 'home', actor: slackActor('U3', 'Cara'), place: slackPlace('C1') });
      expect(reply).toMatchObject({ tone: 'info', visibility: 'private', title: 'Home: Cara' });
    } finally {
      bot.close();
    }
  });
});
