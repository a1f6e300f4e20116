/**
 * Bot Framework activities as plain JSON, in the fields ccm-bot reads and writes: what Teams
 * posts to /api/messages, and what the bot posts back. No SDK type appears outside the
 * transport (./connector.ts), so that replacing botbuilder changes that one file.
 */

interface TeamsAccount {
  id: string;
  name?: string;
  /** The person's Microsoft Entra object id: the same in every team and chat. */
  aadObjectId?: string;
  role?: string;
}

/** An activity as Teams posts it to the bot. */
export interface IncomingActivity {
  type: string;
  id?: string;
  /** An invoke's name. */
  name?: string;
  /** An installationUpdate's `add` or `remove`. */
  action?: string;
  channelId: string;
  serviceUrl: string;
  from: TeamsAccount;
  recipient: TeamsAccount;
  conversation: { id: string; conversationType?: string; isGroup?: boolean; tenantId?: string };
  channelData?: { tenant?: { id?: string } };
  text?: string;
  /** An `Action.Submit` press: the button's data. */
  value?: unknown;
  /** A press: the message (card) the button is on. */
  replyToId?: string;
  entities?: ({ type: string } & Record<string, unknown>)[];
  membersAdded?: TeamsAccount[];
}

/** The HTTP answer to an invoke (a dialog opened or submitted): its status and body. A 200 without a body closes a dialog. */
export interface InvokeAnswer {
  status: number;
  body?: unknown;
}

/** A message the bot posts: a card, a picture or a line of text (see ./render.ts, ./picture.ts). */
export interface OutgoingActivity {
  type: 'message';
  text?: string;
  textFormat?: 'plain';
  summary?: string;
  attachments?: readonly unknown[];
}

/** The person's 1:1 chat with the bot to open, in their tenant, at the Bot Connector that serves it. */
export interface PersonalChatRequest {
  serviceUrl: string;
  tenantId: string | undefined;
  member: TeamsAccount;
}
