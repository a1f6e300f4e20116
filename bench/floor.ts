/**
 * The floor reference: a Bolt app that does what a logging command cannot avoid, and no more.
 * One prepared insert of an entry plus its audit row in one SQLite transaction (WAL, with the
 * `synchronous` setting in FLOOR_SYNCHRONOUS, FULL by default as ccm-bot's trust settings
 * ask), then an ack with a two-block Block Kit reply. ccm-bot's targets are ratios to this.
 *
 * Run by the benchmark as `node bench/floor.ts`, with PORT, SLACK_SIGNING_SECRET,
 * SLACK_API_URL and FLOOR_DB_PATH.
 */
import { App, HTTPReceiver } from '@slack/bolt';
import Database from 'better-sqlite3';
import { healthzRoute, referenceLogger } from './reference.ts';

const sqlite = new Database(process.env.FLOOR_DB_PATH!);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma(`synchronous = ${process.env.FLOOR_SYNCHRONOUS ?? 'FULL'}`);
sqlite.exec(`
  CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, text TEXT NOT NULL, person TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, person TEXT NOT NULL, entity_id INTEGER NOT NULL, after TEXT NOT NULL);
`);
const insertEntry = sqlite.prepare('INSERT INTO entries (text, person, created_at) VALUES (?, ?, ?)');
const insertAudit = sqlite.prepare('INSERT INTO audit (at, person, entity_id, after) VALUES (?, ?, ?, ?)');
const logEntry = sqlite.transaction((text: string, person: string): number => {
  const at = new Date().toISOString();
  const id = Number(insertEntry.run(text, person, at).lastInsertRowid);
  insertAudit.run(at, person, id, JSON.stringify({ id, text, person, at }));
  return id;
});

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  endpoints: ['/slack/events'],
  customRoutes: [healthzRoute],
  logger: referenceLogger,
});
const app = new App({
  token: 'xoxb-bench',
  receiver,
  logger: referenceLogger,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL!, retryConfig: { retries: 0 } },
});

app.command(/.*/, async ({ command, ack }) => {
  const id = logEntry(command.text, command.user_id);
  const title = `Logged #${id}: ${command.text}`;
  await ack({
    response_type: 'ephemeral',
    text: title,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `by <@${command.user_id}>` }] },
    ],
  });
});

await app.start(Number(process.env.PORT));
process.on(
  'SIGTERM',
  () =>
    void app.stop().then(() => {
      sqlite.close();
      process.exit(0);
    }),
);
