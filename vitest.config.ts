import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Tests that talk to the bot over real HTTP (signed Slack requests, Bot Framework activities),
 * with stand-ins for Slack's Web API and the Bot Connector on 127.0.0.1.
 */
const HTTP = [
  'busy',
  'failed-auth',
  'foreign-workspace',
  'forms-slack',
  'forms-slack-openings',
  'forms-teams',
  'fuzz',
  'holds',
  'home',
  'log',
  'oversized-bodies',
  'pictures-chat',
  'proposals-chat',
  'roles-teams',
  'scheduler',
  'shutdown',
  'slack',
  'slack-dm',
  'slack-export',
  'teams',
  'teams-auth',
  'teams-channel',
  'teams-field',
  'teams-tick',
  'teams-transport',
  'tick-e2e',
  'time-zones',
].map((name) => `test/${name}.test.ts`);

/**
 * Three projects, run together by `npm test`: `unit` (the core, the store and the command line
 * in process), `http` (above), and `process` (test/e2e/: what needs a `ccm` process of its own,
 * such as a signal, kill -9, another process's lock or Node's start-up options).
 * `npm run test:fast` runs the first two.
 */
export default defineConfig({
  test: {
    // Tests wait on timers, sockets and child processes as much as they compute: on a 2-core
    // machine, vitest's default (one worker fewer than cores) would run them one file at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The migrated database every test bot starts from, made once (see test/support/template.ts).
    globalSetup: ['test/support/template.ts'],
    // Child-process tests start the real `ccm` (about half a second each); give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      // Files in one worker share its loaded modules (`isolate: false`): every test makes its own
      // bot, database and servers, and loading the modules again for each file took a third of the time.
      { extends: true, test: { name: 'unit', include: ['test/*.test.ts'], exclude: HTTP, isolate: false } },
      { extends: true, test: { name: 'http', include: HTTP, isolate: false } },
      { extends: true, test: { name: 'process', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
