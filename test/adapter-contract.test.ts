/**
 * What every chat adapter promises the rest of ccm-bot, checked the same way for each: its
 * addresses round-trip through its codec and carry its name, and it says how it answers one
 * person privately. A new platform is added to ADAPTERS below and must pass the same checks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { slackAddresses } from '../src/adapters/slack/address.ts';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.ts';
import { teamsAddresses } from '../src/adapters/teams/address.ts';
import { createTeamsAdapter } from '../src/adapters/teams/teams-adapter.ts';
import { platformOf } from '../src/core/address.ts';
import { privateAnswerNotice } from '../src/core/delivery.ts';
import { createTestBot } from './support/harness.ts';

const bot = createTestBot();
afterAll(() => bot.close());

const ADAPTERS = [
  {
    adapter: createSlackAdapter({
      core: bot.core,
      store: bot.store,
      log: bot.log,
      config: { botToken: 'xoxb-test', signingSecret: 'secret-0123456789', appToken: undefined, apiUrl: 'http://127.0.0.1:9/api/' },
    }),
    codec: slackAddresses,
    samples: [
      { kind: 'channel', id: 'C0123ABCD' },
      { kind: 'personal', id: 'U0123ABCD' },
      { kind: 'group', id: 'G0ABC' },
    ],
    foreign: ['teams:channel:19:abc@thread.tacv2', 'slack:channel:', 'slack:nonsense:C1', 'C0123ABCD'],
  },
  {
    adapter: createTeamsAdapter({
      core: bot.core,
      store: bot.store,
      log: bot.log,
      config: { appId: undefined, appPassword: undefined, tenantId: undefined, appType: 'SingleTenant', openIdMetadataUrl: undefined, loginUrl: undefined },
    }),
    codec: teamsAddresses,
    samples: [
      {
        kind: 'channel',
        conversationId: '19:abc123@thread.tacv2',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        tenantId: '11111111-2222-3333-4444-555555555555',
      },
      {
        kind: 'personal',
        conversationId: 'a:1xYz-Ab_cD;with:odd@chars',
        serviceUrl: 'https://smba.trafficmanager.net/amer/',
        tenantId: 'contoso.onmicrosoft.com',
      },
      { kind: 'group', conversationId: '19:meeting_abc@thread.v2', serviceUrl: 'http://127.0.0.1:9/' },
    ],
    foreign: [
      'slack:channel:C0123ABCD',
      'teams:channel:',
      'teams:nonsense:eyJjIjoiMSJ9',
      // Not base64url JSON, or JSON without a conversation and a service URL.
      'teams:channel:19:abc@thread.tacv2',
      `teams:channel:${Buffer.from('{"c":"19:a"}').toString('base64url')}`,
      `teams:personal:${Buffer.from('{"c":"a:1","s":"ftp://x"}').toString('base64url')}`,
      `teams:group:${Buffer.from('[1,2]').toString('base64url')}`,
    ],
  },
] as const;

describe.each(ADAPTERS)('the $adapter.name adapter', ({ adapter, codec, samples, foreign }) => {
  it('round-trips its addresses, each starting with its name', () => {
    for (const parts of samples) {
      const address = codec.encode(parts as never);
      expect(platformOf(address)).toBe(adapter.name);
      expect(codec.decode(address)).toEqual(parts);
      expect(codec.encode(codec.decode(address) as never)).toBe(address);
    }
  });

  it('reads no address that is not its own', () => {
    for (const address of foreign) expect(codec.decode(address)).toBeUndefined();
  });

  it('declares how it answers privately, and the channel learns only what that report implies', () => {
    expect(['native', 'personal-chat']).toContain(adapter.privateAnswers);
    expect(adapter.addresses).toBe(codec);
    expect(privateAnswerNotice(adapter.privateAnswers)).toBe(
      adapter.privateAnswers === 'native' ? undefined : 'I answered you privately, in your chat with me.',
    );
    expect(privateAnswerNotice('not-possible')).toContain('add the app for yourself');
  });
});
