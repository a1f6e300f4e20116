/**
 * One turn of a conversation, the same on every platform: a command typed (or a button
 * pressed) is refused when it comes from an organisation the group does not allow, the person
 * is identified, the command runs once, its answer goes to that person alone, the shared place
 * gets its one line where members turned it on, and files follow privately.
 *
 * The turn decides what happens and in which order; a platform's {@link TurnSurface} only says
 * how each step is done there (Slack answers in the request, Teams in the person's 1:1 chat, the
 * shell on standard output). So a rule about a turn, such as "nothing is read for a foreign
 * workspace" or "the channel notice never delays the answer", is written once, here.
 */
import type { Actor, Incoming, Place } from './command.ts';
import type { Core } from './dispatch.ts';
import { type Attachment, errorReply, type Picture, type Reply } from './reply.ts';

/** How one platform carries out the steps of one turn. */
export interface TurnSurface {
  /**
   * The person who typed or pressed, as the core needs them. Undefined when they cannot be
   * answered privately here (Teams: the app is not installed for them); the surface has then
   * said so where they typed, and the command is not run.
   */
  identify(): Promise<Actor | undefined>;
  /** The answer, to the person alone, where they asked (or, after the first, as a further message to them). */
  answer(reply: Reply): Promise<void>;
  /** For a button press: the pressed message replaced by the answer. Absent: {@link answer}. */
  update?(reply: Reply): Promise<void>;
  /** One line for everyone in the shared place (the notice `echo on` turns on). Absent: the place has no one else. */
  tellChannel?(line: string): Promise<void>;
  /**
   * A file or a picture to the person alone, after the answer; resolves to why it could not be
   * sent, or undefined once sent. Absent: the answer itself carries them (the platform shows them inline).
   */
  sendPrivately?(file: Attachment | Picture): Promise<string | undefined>;
  /** The refusal for an organisation not allowed, where it typed. Absent: {@link answer}. */
  refuse?(reply: Reply): Promise<void>;
  /** After everything the person sees: work that may take a while (a profile look-up, a dashboard refresh). */
  finish?(actor: Actor): Promise<void>;
}

/** What arrived, in the core's terms; the person is added by {@link TurnSurface.identify}. */
export interface TurnRequest extends Omit<Incoming, 'actor'> {
  /** The workspace or tenant it came from, checked against the allow-list before anything is read. */
  organization: string | undefined;
  /** A button press (its message can be updated), not a typed command. */
  pressed?: boolean;
}

/** Runs one turn; resolves to the reply the person was given (a refusal included). */
export async function runTurn(core: Core, request: TurnRequest, surface: TurnSurface): Promise<Reply | undefined> {
  const { organization, pressed, ...incoming } = request;
  // Another organisation's install: refused before the person is looked up or anything is read.
  const refusal = core.refuseForeign({ platform: request.place.platform, organization });
  if (refusal) {
    await (surface.refuse ?? surface.answer)(refusal);
    return refusal;
  }
  const actor = await surface.identify();
  if (!actor) return undefined;
  const reply = await core.respond({ ...incoming, actor });
  await (pressed && surface.update ? surface.update : surface.answer)(reply);
  // The channel's one line comes after the answer, so it never delays it.
  if (reply.publicEcho) await surface.tellChannel?.(reply.publicEcho);
  if (surface.sendPrivately) await sendFiles(reply, surface.sendPrivately, surface.answer);
  await surface.finish?.(actor);
  return reply;
}

/** A reply's file and picture, each sent privately, or a private note saying it could not be. */
async function sendFiles(
  reply: Reply,
  send: (file: Attachment | Picture) => Promise<string | undefined>,
  answer: (reply: Reply) => Promise<void>,
): Promise<void> {
  for (const file of [reply.attachment, reply.picture]) {
    if (!file) continue;
    const failed = await send(file);
    if (failed === undefined) continue;
    await answer(
      errorReply('file-not-sent', `The file ${file.fileName} could not be sent (${failed}).`, {
        lines: ['Nothing was shared. Try again later, or ask the operator for the file.', file.instead],
      }),
    );
  }
}

/** Where a turn in a one-to-one conversation with no address to post to later happened (the terminal). */
export function placeWithoutAddress(platform: string): Place {
  return { platform, kind: 'personal', channelId: null, address: null };
}
