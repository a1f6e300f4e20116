/**
 * The pictures where people see them: the digest's chart and map posted by the scheduler into
 * the digest's thread on Slack (files.uploadV2) and Teams (an inline image message), through
 * the ledger, once each even when a first try fails; and `map` answered privately. Real
 * adapters, real HTTP, stand-ins for Slack's Web API and the Bot Connector.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { TEAMS_PICTURE_LIMITS } from '../src/adapters/teams/picture.ts';
import { TEAMS_LIMITS } from '../src/adapters/teams/render.ts';
import { createTestBot, type TestBot, dateSpringMeetings } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';
import { CHANNEL, type ConnectorCall, type ConnectorStandIn, message, PERSONAL, postActivity, startConnectorStandIn } from './support/teams.ts';

let slack: SlackStandIn;
let connector: ConnectorStandIn;
let bot: TestBot;
let chat: ChatServices;

/** The picture a Teams message carries, if it is one. */
const imageOf = (call: ConnectorCall) =>
  (call.body.attachments as { contentType: string; contentUrl: string; name: string }[] | undefined)?.find((a) => a.contentType === 'image/png');
const pngOfDataUrl = (url: string) => Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64');

/** Fails the first upload to Slack and the first picture to Teams, to be sure a retry sends each once. */
const failed = { slack: '', teams: '' };

beforeAll(async () => {
  slack = await startSlackStandIn();
  connector = await startConnectorStandIn();
  bot = createTestBot({
    now: '2026-03-01T10:00:00Z',
    env: { CCM_ADAPTERS: 'slack,teams', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
  });
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  dateSpringMeetings(bot);
  bot.say('target add Kenya lead Norway');
  bot.core.handle({ text: 'subscribe', actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
  bot.core.handle({ text: 'subscribe with names', actor: slackActor('U1', 'Ana'), place: slackPlace('C2') });
  await postActivity(`http://127.0.0.1:${chat.http.port}/api/messages`, message(connector.serviceUrl, 'subscribe with names', { where: 'channel' }));
  connector.calls.length = 0;

  let uploads = 0;
  slack.answer('files.getUploadURLExternal', (call) => {
    if (++uploads === 1) {
      failed.slack = String(call.body.filename);
      return { status: 500, body: { ok: false } };
    }
    return { body: { ok: true, upload_url: `${slack.url}/upload/F${uploads}`, file_id: `F${uploads}` } };
  });
  connector.stub((call) => {
    const image = imageOf(call);
    if (!image || failed.teams) return undefined;
    failed.teams = image.name;
    return { status: 502, body: {} };
  });
  // The digest for wg3 falls due on 10 May at 09:00 Geneva time; the failed pictures are retried a minute later.
  for (const at of ['2026-05-10T07:00:30Z', '2026-05-10T07:02:00Z', '2026-05-10T07:30:00Z']) await chat.scheduler.tick(new Date(at));
}, 60_000);

afterAll(async () => {
  await chat?.stop();
  bot?.close();
  await connector?.close();
  await slack?.close();
});

describe('the digest on Slack', () => {
  it('carries the chart and the map once each, uploaded into its thread, across two ticks', () => {
    expect(failed.slack).toMatch(/^ccm-(progress|status-map|map)-2026-05-10\.png$/);
    const parents = new Map(
      slack
        .callsTo('chat.postMessage')
        .filter((c) => String(c.body.text).startsWith('Progress digest'))
        .map((c) => [c.body.channel, c]),
    );
    expect([...parents.keys()].sort()).toEqual(['C1', 'C2']);
    const tsOf = (channel: unknown) => `1700000000.${String(slack.callsTo('chat.postMessage').indexOf(parents.get(channel)!) + 1).padStart(6, '0')}`;
    const shared = slack.callsTo('files.completeUploadExternal').map((c) => ({
      channel: c.body.channel_id,
      thread: c.body.thread_ts,
      file: (JSON.parse(String(c.body.files)) as { title: string }[])[0]!.title,
      comment: c.body.initial_comment,
    }));
    expect(shared.map((s) => `${s.channel} ${s.file}`).sort()).toEqual([
      'C1 ccm-progress-2026-05-10.png',
      'C1 ccm-status-map-2026-05-10.png',
      'C2 ccm-map-2026-05-10.png',
      'C2 ccm-progress-2026-05-10.png',
    ]);
    for (const s of shared) expect(s.thread).toBe(tsOf(s.channel));
    expect(shared.find((s) => s.channel === 'C1' && s.file.includes('map'))?.comment).toBe('World map: CCM status of every state');
    expect(shared.find((s) => s.channel === 'C2' && s.file.includes('map'))?.comment).toBe('World map: CCM status, with the top-15 list outlined');
    expect(slack.callsTo('files.getUploadURLExternal')).toHaveLength(5);
  });

  it('uploads the chart as a PNG people can read on a phone, with its figures as alternative text', () => {
    const asked = slack.callsTo('files.getUploadURLExternal');
    const chart = asked.findIndex((c, i) => i > 0 && c.body.filename === 'ccm-progress-2026-05-10.png');
    expect(asked[chart]?.body.alt_text).toContain('Bilateral outreach meetings: 0 of 10, in progress');
    const bytes = slack.calls.find((c) => c.path === `/upload/F${chart + 1}`)!.files![0]!;
    const png = PNG.sync.read(bytes);
    expect(png.width).toBeGreaterThan(800);
    expect(png.height).toBeGreaterThan(800);
  });
});

describe('the digest on Teams', () => {
  it('carries the chart and the map once each, as inline images in its thread, across two ticks', () => {
    expect(failed.teams).toMatch(/^ccm-(progress|map)-2026-05-10\.png$/);
    const posted = connector.calls.filter((c) => c.kind === 'send');
    const root = bot.ledger.all().find((p) => p.rule === 'digest' && p.platform === 'teams')!.messageRef;
    const pictures = posted.filter((c) => imageOf(c));
    // Three tries: the one the connector refused, then each picture once.
    expect(pictures.map((c) => imageOf(c)!.name).sort()).toEqual([failed.teams, 'ccm-map-2026-05-10.png', 'ccm-progress-2026-05-10.png'].sort());
    for (const call of pictures) expect(call.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    expect(pictures.map((c) => c.body.text)).toContain('Progress chart: every deliverable against its target');
  });

  it('sends each picture within Teams’ limits for bot images in a request under 256 KB, and every card under 28 KB', () => {
    const posted = connector.calls.filter((c) => c.kind === 'send');
    for (const call of posted.filter((c) => imageOf(c))) {
      const png = PNG.sync.read(pngOfDataUrl(imageOf(call)!.contentUrl));
      expect(png.width).toBeLessThanOrEqual(TEAMS_PICTURE_LIMITS.maxWidth);
      expect(png.height).toBeLessThanOrEqual(TEAMS_PICTURE_LIMITS.maxHeight);
      // The whole request body, as the Bot Connector received it.
      expect(Buffer.byteLength(JSON.stringify(call.body))).toBeLessThanOrEqual(TEAMS_PICTURE_LIMITS.maxRequestBytes);
    }
    for (const call of posted.filter((c) => !imageOf(c))) expect(JSON.stringify(call.body).length).toBeLessThan(TEAMS_LIMITS.messageSize);
  });
});

describe('`map` in chat', () => {
  it('on Slack, answers in the channel and uploads the map into the person’s messages with the app alone', async () => {
    const before = slack.callsTo('files.completeUploadExternal').length;
    const body = commandBody('map', { channel_id: 'C1' });
    const response = await fetch(`http://127.0.0.1:${chat.http.port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
    const answer = (await response.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'World map: CCM status, with the top-15 list outlined' });
    expect(JSON.stringify(answer.blocks)).toContain('The file ccm-map-2026-03-01.png follows in your direct messages with the app');
    for (let waited = 0; slack.callsTo('files.completeUploadExternal').length === before && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [upload] = slack.callsTo('files.completeUploadExternal').slice(before);
    expect(upload?.body.channel_id).toBe('DU1');
    expect(JSON.parse(String(upload?.body.files))).toMatchObject([{ title: 'ccm-map-2026-03-01.png' }]);
  });

  it('on Teams, answers in the 1:1 chat with the card, then the status map as an image', async () => {
    const before = connector.calls.length;
    const sent = await postActivity(`http://127.0.0.1:${chat.http.port}/api/messages`, message(connector.serviceUrl, 'map public'));
    expect(sent.status).toBe(200);
    const answers = connector.calls.slice(before);
    expect(answers.map((c) => c.conversationId)).toEqual([PERSONAL, PERSONAL]);
    expect(JSON.stringify(answers[0]!.body)).toContain('World map: CCM status of every state');
    expect(JSON.stringify(answers[0]!.body)).not.toContain('ccm map --public');
    const image = imageOf(answers[1]!)!;
    expect(image.name).toBe('ccm-status-map-2026-03-01.png');
    expect(PNG.sync.read(pngOfDataUrl(image.contentUrl)).width).toBe(TEAMS_PICTURE_LIMITS.maxWidth);
  });
});
