/**
 * Property-based attack on the command language: generated lines (see support/fuzz.ts) go
 * through the core in process, on a real SQLite file, and over signed HTTP to the real Slack
 * adapter. Every one gets a well-formed answer, never a crash and never "something went
 * wrong"; a refused command changes nothing at all.
 *
 * A failure prints fast-check's seed and path; `FUZZ_SEED=<seed>` replays the same lines.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHELL_PLACE } from '../src/adapters/shell/shell.ts';
import { teamsAddresses } from '../src/adapters/teams/address.ts';
import { type ChatServices, startChat } from '../src/chat.ts';
import { commands } from '../src/commands/index.ts';
import type { Actor, Place } from '../src/core/command.ts';
import type { Reply, Tone } from '../src/core/reply.ts';
import { renderSlack, renderSlackEcho, type SlackMessage } from '../src/adapters/slack/render.ts';
import { renderTeams, TEAMS_LIMITS } from '../src/adapters/teams/render.ts';
import { renderText } from '../src/render/text.ts';
import { slackLimitProblems, slackMarkupProblems } from './support/block-kit.ts';
import { commandLine, FUZZ_SEED, fuzzRuns, memberText } from './support/fuzz.ts';
import { capturedLog, createTestBot, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';

const TONES: readonly Tone[] = ['success', 'info', 'warning', 'error'];

/** Who sends the command, and from where: ownership and places differ between them. */
const TEAMS_PERSONAL = teamsAddresses.encode({ kind: 'personal', conversationId: 'a:personal-ana', serviceUrl: 'https://smba.example/' });
const SENDERS: { actor: Actor; place: Place }[] = [
  { actor: { platform: 'shell', userId: 'alice', displayName: 'alice' }, place: SHELL_PLACE },
  { actor: slackActor('U1', 'Ana'), place: slackPlace('C1') },
  { actor: slackActor('U2', 'Ben'), place: slackPlace('D2') },
  {
    actor: { platform: 'teams', userId: 'aad-ana', displayName: 'Ana Ortiz', address: TEAMS_PERSONAL },
    place: { platform: 'teams', kind: 'personal', channelId: 'a:personal-ana', address: TEAMS_PERSONAL },
  },
];

/** The senders above, or someone in the channel whose display name is as hostile as any note. */
const sender = fc.oneof(
  { arbitrary: fc.constantFrom(...SENDERS), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom('U7', 'U8'), memberText).map(([id, name]) => ({ actor: slackActor(id, name), place: slackPlace('C1') })), weight: 1 },
);

/** What is wrong with a Slack answer, if anything: Slack's limits, markup left in, or the unexpected-error reply. */
function slackProblems(message: SlackMessage): string[] {
  const problems = [...slackLimitProblems(message), ...slackMarkupProblems(message)];
  if (message.text.includes('Something went wrong on our side')) problems.push(`unexpected error: ${message.text}`);
  return problems;
}

/**
 * What is wrong with a reply, if anything: any adapter can show it (a known tone, a title, an
 * error's code), it is not the unexpected-error reply, and every renderer takes it (the
 * terminal, Slack, a Teams card within Teams' size). A list, so that each run costs one assertion.
 */
function replyProblems(reply: Reply): string[] {
  const problems: string[] = [];
  if (!TONES.includes(reply.tone)) problems.push(`tone ${reply.tone}`);
  if (!['private', 'public'].includes(reply.visibility)) problems.push(`visibility ${reply.visibility}`);
  if (typeof reply.title !== 'string' || reply.title.trim() === '') problems.push('no title');
  if (reply.code === 'internal') problems.push(`unexpected error: ${reply.title}`);
  if (reply.tone === 'error' && typeof reply.code !== 'string') problems.push('error without a code');
  if (renderText(reply) === '') problems.push('empty text rendering');
  problems.push(...slackProblems(renderSlack(reply)));
  // The channel's notice carries a display name.
  if (reply.publicEcho) problems.push(...slackMarkupProblems({ text: renderSlackEcho(reply.publicEcho).text, blocks: [] }));
  const teamsSize = JSON.stringify(renderTeams(reply)).length;
  if (teamsSize > TEAMS_LIMITS.messageSize) problems.push(`Teams message of ${teamsSize} UTF-16 code units`);
  return problems;
}

/**
 * Counts every row written to any table, through temporary triggers on the bot's own
 * connection: a write rolled back takes its count with it, so an unchanged count means
 * nothing was committed.
 */
function countWrites(bot: TestBot): () => number {
  const sqlite = bot.database.sqlite;
  sqlite.exec('CREATE TEMP TABLE fuzz_writes (tbl TEXT NOT NULL)');
  const tables = sqlite.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      sqlite.exec(`CREATE TEMP TRIGGER "fuzz_${table}_${event}" AFTER ${event} ON main."${table}" BEGIN INSERT INTO fuzz_writes VALUES ('${table}'); END`);
    }
  }
  const count = sqlite.prepare('SELECT count(*) FROM temp.fuzz_writes').pluck();
  return () => count.get() as number;
}

describe('10,000 generated command lines through the core', () => {
  // The log's `command` lines say which commands the lines reached, and how each ended.
  const log = capturedLog('info');
  let bot: TestBot;
  let writes: () => number;
  let entries: () => number;
  beforeAll(() => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z', log: log.log });
    writes = countWrites(bot);
    const count = bot.database.sqlite.prepare('SELECT count(*) FROM entries').pluck();
    entries = () => count.get() as number;
    // A log to act on, written by several people; and proof that the count sees writes.
    const setUp = [
      ['meeting Kenya held — first', 0],
      ['contacted Viet Nam via capital', 1],
      ['next Kenya send the model instrument by 1 Apr', 2],
      ['target add Kenya lead Norway', 1],
      ['barrier Kenya legal — a note', 0],
      ['echo on', 1],
    ] as const;
    for (const [line, who] of setUp) expect(bot.core.handle({ text: line, ...SENDERS[who]! }).tone).toBe('success');
    expect([entries(), writes()]).toEqual([3, expect.any(Number)]);
    expect(writes()).toBeGreaterThan(5);
  });
  afterAll(() => bot.close());

  it('answers each with a success or an error, and an error changes nothing', () => {
    fc.assert(
      fc.property(commandLine, sender, (text, { actor, place }) => {
        const [writesBefore, entriesBefore] = [writes(), entries()];
        const reply = bot.core.handle({ text, actor, place });
        const problems = replyProblems(reply);
        if (reply.tone === 'error' && (entries() !== entriesBefore || writes() !== writesBefore)) problems.push(`refused (${reply.code}) but wrote`);
        expect(problems).toEqual([]);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(10_000) },
    );
    // The lines reached every command, and many were carried out.
    const outcomes = log.lines.filter((line) => line.message === 'command');
    const reached = new Set(outcomes.map((line) => line.command));
    expect(commands.map((c) => c.name).filter((name) => !reached.has(name))).toEqual([]);
    expect(outcomes.filter((line) => line.tone === 'success').length).toBeGreaterThan(outcomes.length / 10);
    // 10,000 commands take 10-20 s on a 2-core machine: more than the suite's 30 s allows under load.
  }, 90_000);
});

describe('500 generated command lines over signed HTTP to Slack', () => {
  let slack: SlackStandIn;
  let bot: TestBot;
  let chat: ChatServices;
  let events: string;
  beforeAll(async () => {
    slack = await startSlackStandIn();
    bot = createTestBot({ env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' } });
    chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
    events = `http://127.0.0.1:${chat.http.port}/slack/events`;
  });
  afterAll(async () => {
    await chat.stop();
    bot.close();
    await slack.close();
  });

  it("answers each with 200 and a private Block Kit reply, within Slack's 3 seconds", async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, async (text) => {
        const body = commandBody(text, {}, `${slack.url}/respond`);
        const response = await fetch(events, { method: 'POST', body, headers: slackHeaders(body), signal: AbortSignal.timeout(2900) });
        expect(response.status).toBe(200);
        // `/ccm` alone opens the Log outreach form (test/forms-slack.test.ts): an empty acknowledgement.
        if (text.trim() === '') return void expect(await response.text()).toBe('');
        const message = (await response.json()) as SlackMessage & { response_type?: string };
        expect(message.response_type).toBe('ephemeral');
        expect(slackProblems(message)).toEqual([]);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(500) },
    );
  });
});
