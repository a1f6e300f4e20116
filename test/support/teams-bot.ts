/**
 * What a Teams end-to-end test starts with: a bot with Teams alone on a real HTTP server (no
 * authentication, as with the Emulator), posting to a stand-in Bot Connector.
 */
import { type ChatServices, startChat } from '../../src/chat.ts';
import { createTestBot, type TestBot } from './harness.ts';
import { type ConnectorStandIn, startConnectorStandIn } from './teams.ts';

export interface TeamsBot {
  connector: ConnectorStandIn;
  bot: TestBot;
  chat: ChatServices;
  /** The bot's /api/messages. */
  endpoint: string;
  close(): Promise<void>;
}

export async function startTeamsBot(options: { notInstalledFor?: string[] } = {}): Promise<TeamsBot> {
  const connector = await startConnectorStandIn(options);
  const bot = createTestBot({ env: { CCM_ADAPTERS: 'teams', PORT: '0' } });
  const chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  return {
    connector,
    bot,
    chat,
    endpoint: `http://127.0.0.1:${chat.http.port}/api/messages`,
    async close() {
      await chat.stop();
      bot.close();
      await connector.close();
    },
  };
}
