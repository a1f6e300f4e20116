/**
 * The Teams transport alone (src/adapters/teams/connector.ts, the one file that knows
 * botbuilder) against the stand-in Bot Connector: the contract any replacement (the Teams SDK,
 * the Microsoft 365 Agents SDK) must keep. Plain activities in and out; each call one request;
 * failures readable by errors.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingActivity } from '../src/adapters/teams/activity.ts';
import { type Connector, createConnector } from '../src/adapters/teams/connector.ts';
import { connectorAnswer, teamsDeliveryError } from '../src/adapters/teams/errors.ts';
import { ANA, BEN, CHANNEL, type ConnectorStandIn, message, PERSONAL, postActivity, startConnectorStandIn, TENANT } from './support/teams.ts';

let standIn: ConnectorStandIn;
let connector: Connector;

beforeEach(async () => {
  standIn = await startConnectorStandIn({ notInstalledFor: [BEN.id] });
  connector = createConnector({
    appId: undefined,
    appPassword: undefined,
    tenantId: undefined,
    appType: 'SingleTenant',
    openIdMetadataUrl: undefined,
    loginUrl: undefined,
  });
});

afterEach(() => standIn.close());

const card = { type: 'message' as const, summary: 'Logged #1', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }] };
const to = (conversationId: string) => ({ conversationId, serviceUrl: standIn.serviceUrl, tenantId: TENANT });

describe('the Teams transport', () => {
  it('posts to a conversation, or as a reply to a message, and resolves to the new message’s id', async () => {
    const posted = await connector.send(to(CHANNEL), card);
    const replied = await connector.send(to(PERSONAL), card, 'm-question');
    expect([posted, replied]).toEqual(['m0001', 'm0002']);
    expect(standIn.calls.map((c) => ({ kind: c.kind, conversationId: c.conversationId, replyToId: c.replyToId }))).toEqual([
      { kind: 'send', conversationId: CHANNEL, replyToId: undefined },
      { kind: 'reply', conversationId: PERSONAL, replyToId: 'm-question' },
    ]);
    expect(standIn.calls[0]!.body).toMatchObject({ ...card, conversation: { id: CHANNEL, tenantId: TENANT }, from: { id: expect.any(String) } });
  });

  it('replaces a message it posted', async () => {
    await connector.update(to(PERSONAL), 'm0007', card);
    expect(standIn.calls).toEqual([expect.objectContaining({ method: 'PUT', kind: 'update', conversationId: PERSONAL, replyToId: 'm0007' })]);
    expect(standIn.calls[0]!.body).toMatchObject({ ...card, id: 'm0007' });
  });

  it('opens a person’s 1:1 chat in their tenant, and says when Teams refuses', async () => {
    const opened = await connector.openPersonalChat({ serviceUrl: standIn.serviceUrl, tenantId: TENANT, member: ANA });
    expect(opened).toBe(PERSONAL);
    expect(standIn.calls[0]).toMatchObject({
      kind: 'create',
      body: { isGroup: false, tenantId: TENANT, channelData: { tenant: { id: TENANT } }, members: [{ id: ANA.id, aadObjectId: ANA.aadObjectId }] },
    });
    const refusal = await connector.openPersonalChat({ serviceUrl: standIn.serviceUrl, tenantId: TENANT, member: BEN }).catch((e: unknown) => e);
    expect(connectorAnswer(refusal)).toEqual({ status: 403, retryAfter: undefined });
  });

  it('sends once, whatever the answer: a 429’s Retry-After and a dropped connection are the caller’s to read', async () => {
    standIn.once({ status: 429, headers: { 'retry-after': '7' }, body: {} });
    const throttled = await connector.send(to(PERSONAL), card).catch((e: unknown) => e);
    expect(connectorAnswer(throttled)).toEqual({ status: 429, retryAfter: '7' });
    standIn.once({ hangUp: true });
    const dropped = await connector.send(to(PERSONAL), card).catch((e: unknown) => e);
    expect(teamsDeliveryError(dropped).failure).toBe('unknown-outcome');
    expect(standIn.calls).toHaveLength(2);
  });

  it('hands an activity to the bot as plain JSON, and answers the request when the bot is done', async () => {
    const seen: IncomingActivity[] = [];
    const server: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      await connector.receive(req, res, JSON.parse(Buffer.concat(chunks).toString('utf8')), async (activity) => void seen.push(activity));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const sent = message(standIn.serviceUrl, 'meeting Kenya held', { where: 'channel' });
      const response = await postActivity(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, sent);
      expect(response.status).toBe(200);
      expect(seen).toEqual([expect.objectContaining({ type: 'message', id: sent.id, text: sent.text, from: ANA, entities: sent.entities })]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
