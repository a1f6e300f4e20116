/**
 * The bare reference: a Bolt app that only acknowledges `/ccm`, with a /healthz route. What
 * ccm-bot is compared against; its cost is Bolt's own (signature check, parsing, routing).
 *
 * Run by the benchmark as `node bench/bare.ts` (types stripped by Node), with PORT,
 * SLACK_SIGNING_SECRET and SLACK_API_URL (the Web API stand-in that answers auth.test).
 */
import { App, HTTPReceiver } from '@slack/bolt';
import { healthzRoute, referenceLogger } from './reference.ts';

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

app.command(/.*/, async ({ ack }) => {
  await ack();
});

await app.start(Number(process.env.PORT));
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
