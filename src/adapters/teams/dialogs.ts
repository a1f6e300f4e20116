/**
 * The "Log outreach" dialog on Teams: opened from the compose box's action command (a message
 * extension, `composeExtension/fetchTask`) or from a Log outreach button (`task/fetch`), and
 * submitted (`composeExtension/submitAction`, `task/submit`) as the one-line command it stands
 * for (core/form-turn.ts). A refusal comes back as the dialog again, the message above its
 * field and the values kept; a saved entry closes the dialog, and the usual reply with Undo
 * goes to the person's 1:1 chat with the app.
 *
 * Teams waits about 5 s for a submission's answer and sends it again when late: the dialog is
 * closed as soon as the entry is stored (its reply follows), and a submission sent again is
 * one request by its idempotency key, so it stores nothing more.
 */
import { logOutreachForm, redrawnForm, withMessageLink, withStateSwitched } from '../../core/form.ts';
import { formSubmissionKey, submitForm } from '../../core/form-turn.ts';
import type { Reply } from '../../core/reply.ts';
import { runTurn, type TurnRequest, type TurnSurface } from '../../core/turn.ts';
import type { Core } from '../../core/dispatch.ts';
import type { Log } from '../../log.ts';
import { LOG_OUTREACH_BUTTON, opensForm } from '../../commands/form.ts';
import type { IncomingActivity, InvokeAnswer } from './activity.ts';
import type { Connector } from './connector.ts';
import { teamsDeliveryError } from './errors.ts';
import { conversationOf, placeOf, type TeamsPlace, tenantOf, userOf, whereFrom } from './incoming.ts';
import { renderTeamsEcho } from './render.ts';
import { dialogSubmission, teamsFormDialog, teamsFormValues } from './render-form.ts';
import { LOG_MESSAGE_COMMAND_ID, pickedMessage } from './message-action.ts';
import { patiently } from './retry.ts';
import type { Arrival, teamsTurns } from './turns.ts';

/** The action command's id, as the manifest's `composeExtensions` declares it. */
export const LOG_OUTREACH_COMMAND_ID = 'logOutreach';

/** The invokes this file answers; the manifest test checks each against the manifest. */
export const DIALOG_INVOKES = ['composeExtension/fetchTask', 'composeExtension/submitAction', 'task/fetch', 'task/submit'] as const;

const ok = (body?: unknown): InvokeAnswer => ({ status: 200, ...(body === undefined ? {} : { body }) });
/** A dialog that cannot open says why in a message box of its own (plain text). */
const told = (reply: Reply) => ok({ task: { type: 'message', value: reply.title } });

interface DialogOptions {
  core: Core;
  connector: Connector;
  log: Log;
  turns: ReturnType<typeof teamsTurns>;
}

export function teamsDialogs({ core, connector, log, turns }: DialogOptions) {
  const states = () => core.stateChoices('', { every: true });

  function requestOf(activity: IncomingActivity, place: TeamsPlace, arrival: Arrival): Omit<TurnRequest, 'text'> {
    return { ...whereFrom(activity, place), ...arrival };
  }

  /**
   * A `form` command for this person (`form`, a button's `form next KEN` or `form edit #12`, or
   * `form from <a message's words>`), its form shown as the dialog; a refusal said instead. A
   * message's link goes at the end of the note.
   */
  async function open(activity: IncomingActivity, arrival: Arrival, command = LOG_OUTREACH_BUTTON.command, link?: string): Promise<InvokeAnswer> {
    const place = placeOf(activity);
    let answer: InvokeAnswer = ok();
    await runTurn(
      core,
      { ...requestOf(activity, place, arrival), text: command },
      {
        // Their 1:1 chat's address is kept as stored when the dialog opens elsewhere.
        identify: async () => turns.actorOf(activity, place.kind === 'personal' ? place.address : undefined),
        async answer(reply) {
          answer = reply.form ? ok(teamsFormDialog(withMessageLink(reply.form, link), states(), arrival.requestId)) : told(reply);
        },
      },
    );
    return answer;
  }

  /**
   * How a submission's turn reaches the person: in a 1:1 chat, there; elsewhere in their 1:1
   * chat (opened if need be), the shared place getting only the one line members turned on.
   * `cannot` is told when their 1:1 chat cannot be opened.
   */
  function surfaceFor(activity: IncomingActivity, place: TeamsPlace, arrival: Arrival, cannot: (line: string) => void): TurnSurface {
    const here = (out: Parameters<Connector['send']>[1]) => patiently(() => connector.send(conversationOf(activity), out), arrival.arrivedAt);
    const echo = async (line: string) => {
      await here(renderTeamsEcho(line)).catch((error: unknown) =>
        log.child({ requestId: arrival.requestId }).warn('teams: the channel notice was not posted', { failure: teamsDeliveryError(error).failure }),
      );
    };
    if (place.kind === 'personal') {
      return { identify: async () => turns.actorOf(activity, place.address), answer: (reply) => turns.answerWith(reply, here) };
    }
    // The private answer's notice is for a typed command: a dialog leaves nothing in the channel to explain.
    const surface = turns.privately(activity, arrival, async (line) => cannot(line));
    return { ...surface, tellChannel: echo };
  }

  /** A submission: the dialog again (a kind chosen, a refusal), or closed once the entry is stored. */
  async function submit(activity: IncomingActivity, data: unknown, arrival: Arrival): Promise<InvokeAnswer> {
    const submission = dialogSubmission(data);
    if (!submission) return ok();
    const offered = states();
    const values = teamsFormValues(data, offered);
    const again = (form = logOutreachForm(values)) => ok(teamsFormDialog(form, offered, submission.opened));
    if (submission.redraw) return again((submission.switchState && withStateSwitched(values, submission.switchState)) || redrawnForm(values));
    const place = placeOf(activity);
    const idempotencyKey = formSubmissionKey('teams', tenantOf(activity), userOf(activity).userId, submission.opened, values);
    return new Promise<InvokeAnswer>((resolve) => {
      let cannotAnswer: string | undefined;
      const surface = surfaceFor(activity, place, arrival, (line) => {
        cannotAnswer ??= line;
      });
      submitForm(core, { ...requestOf(activity, place, arrival), idempotencyKey }, values, {
        ...surface,
        showErrors: async (form) => resolve(again(form)),
        async answer(reply) {
          // The dialog closes now; the reply follows in the 1:1 chat.
          resolve(ok());
          await surface.answer(reply);
        },
      })
        .then((reply) => {
          // Not run: the person's 1:1 chat could not be opened, which the dialog says.
          if (reply === undefined) resolve(again(logOutreachForm(values, { what: cannotAnswer ?? 'Nothing was saved.' })));
        })
        .catch((error: unknown) => {
          log
            .child({ requestId: arrival.requestId })
            .error('teams: the dialog was not answered', { error: error instanceof Error ? error.message : String(error) });
          resolve({ status: 500 });
        });
    });
  }

  /** Answers an invoke this file knows; undefined for any other. */
  async function onInvoke(activity: IncomingActivity, arrival: Arrival): Promise<InvokeAnswer | undefined> {
    const value = (activity.value ?? {}) as { commandId?: unknown; data?: unknown };
    const data = (value.data ?? {}) as { ccm?: unknown };
    switch (activity.name) {
      case 'composeExtension/fetchTask':
        if (value.commandId === LOG_OUTREACH_COMMAND_ID) return open(activity, arrival);
        if (value.commandId === LOG_MESSAGE_COMMAND_ID) {
          const picked = pickedMessage(value);
          return open(activity, arrival, `form from ${picked.text}`, picked.link);
        }
        return undefined;
      case 'task/fetch':
        return typeof data.ccm === 'string' && opensForm(data.ccm) ? open(activity, arrival, data.ccm) : undefined;
      case 'composeExtension/submitAction':
      case 'task/submit':
        return submit(activity, value.data, arrival);
      default:
        return undefined;
    }
  }

  return { onInvoke };
}
