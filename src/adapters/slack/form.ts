/**
 * The "Log outreach" modal on Slack: opened by the global shortcut (and by `/ccm` alone or a
 * Log outreach button, through the `form` reply, see turns.ts), its state typeahead answered from
 * the options load URL, redrawn when what happened changes, and its submission run as the one-line
 * command it stands for (core/form-turn.ts). A refusal stays in the modal beside its field; a
 * saved entry closes it, and the usual reply with Undo goes to the person's messages with the
 * app: a modal has no response URL.
 */
import type { App, BlockAction, webApi } from '@slack/bolt';
import { newRequestId } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { type FormModel, redrawnForm, withMessageLink, withStateSwitched } from '../../core/form.ts';
import { formSubmissionKey, submitForm } from '../../core/form-turn.ts';
import { runTurn } from '../../core/turn.ts';
import type { Log } from '../../log.ts';
import { renderSlack, renderSlackEcho, unescapeSlackText } from './render.ts';
import {
  FORM_CALLBACK_ID,
  type FormOrigin,
  formActionId,
  NAMED_STATE_ACTION,
  renderSlackForm,
  slackFormErrors,
  slackFormValues,
  slackStateOptions,
} from './render-form.ts';
import { placeOf, type SurfaceOptions, sharedSurface, toPerson } from './surface.ts';

/** The global shortcut's callback id, as manifests/slack.yaml declares it. */
export const SHORTCUT_CALLBACK_ID = 'ccm_log_outreach';
/** The message shortcut "Log to ccm-bot", as manifests/slack.yaml declares it. */
export const MESSAGE_SHORTCUT_CALLBACK_ID = 'ccm_log_message';

interface FormOptions extends SurfaceOptions {
  core: Core;
  log: Log;
}

/** Opens the modal for `form` with a trigger id (valid for 3 seconds from the person's action). */
export async function openForm(client: webApi.WebClient, triggerId: string, form: FormModel, origin: FormOrigin): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: renderSlackForm(form, origin) as never });
}

/**
 * A message's text as its author saw it: Slack's markup of links, mentions and channels
 * (`<https://…|label>`, `<@U123>`, `<#C123|general>`) as their words, and its escaping undone.
 */
function messageText(text: string): string {
  const words = text.replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (_, target: string, label: string | undefined) => {
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('@') || target.startsWith('!')) return label ? `@${label}` : target;
    return label ?? target;
  });
  return unescapeSlackText(words);
}

/**
 * A message's permalink, as Slack spells them (https://<workspace>.slack.com/archives/<channel>/p<ts
 * without its dot>), from the shortcut's payload: asking chat.getPermalink would spend the 3
 * seconds the trigger lasts. None when the payload lacks a part.
 */
function permalinkOf(shortcut: { team: { domain?: string } | null; channel?: { id: string }; message: { ts?: string } }): string | undefined {
  const domain = shortcut.team?.domain;
  const ts = shortcut.message.ts;
  if (!domain || !shortcut.channel?.id || !ts || !/^[a-z0-9-]+$/.test(domain) || !/^\d+\.\d+$/.test(ts)) return undefined;
  return `https://${domain}.slack.com/archives/${shortcut.channel.id}/p${ts.replace('.', '')}`;
}

/** The modal's private metadata: where it was opened. */
function originOf(view: { private_metadata?: string } | undefined): FormOrigin {
  try {
    const origin = JSON.parse(view?.private_metadata || '{}') as FormOrigin;
    return typeof origin.channel === 'string' ? { channel: origin.channel } : {};
  } catch {
    // A modal this version did not open: it was opened nowhere in particular.
    return {};
  }
}

/** What a shortcut's payload says of who pressed it, where and with which trigger. */
interface Pressed {
  trigger_id: string;
  team: { id: string } | null;
  user: { id: string; team_id?: string; username?: string };
  channel?: { id: string };
}

export function answerForms(app: App, { core, log, ...surfaceOptions }: FormOptions): void {
  /** A shortcut's turn: `text` for the person who pressed it, its form opened as a modal (a refusal goes to their messages). */
  const openFromShortcut = async (text: string, pressed: Pressed, client: webApi.WebClient, link?: string) => {
    const arrivedAt = performance.now();
    const requestId = newRequestId();
    const team = pressed.team?.id ?? pressed.user.team_id;
    const channel = pressed.channel?.id;
    await runTurn(
      core,
      { text, place: placeOf(channel), organization: team, requestId, arrivedAt },
      {
        ...sharedSurface(surfaceOptions, client, { id: pressed.user.id, name: pressed.user.username }, team, log.child({ requestId })),
        answer: async (reply) =>
          reply.form
            ? openForm(client, pressed.trigger_id, withMessageLink(reply.form, link), channel ? { channel } : {})
            : toPerson(client, pressed.user.id, renderSlack(reply)),
      },
    );
  };

  // The global shortcut: the `form` command.
  app.shortcut({ callback_id: SHORTCUT_CALLBACK_ID, type: 'shortcut' }, async ({ shortcut, ack, client }) => {
    await ack();
    await openFromShortcut('form', shortcut, client);
  });

  // "Log to ccm-bot" on a message: the form filled in from the message's text, which the payload
  // carries (no channel is read). Nothing is stored until the person saves.
  app.shortcut({ callback_id: MESSAGE_SHORTCUT_CALLBACK_ID, type: 'message_action' }, async ({ shortcut, ack, client }) => {
    await ack();
    await openFromShortcut(`form from ${messageText(shortcut.message.text ?? '')}`, shortcut, client, permalinkOf(shortcut));
  });

  // The state typeahead: every name, alias and code the grammar accepts, at most 100 options.
  app.options(formActionId('state'), async ({ options, body, ack }) => {
    const team = (body as { team?: { id?: string } | null }).team?.id ?? undefined;
    if (core.refuseForeign({ platform: 'slack', organization: team })) return ack({ options: [] });
    await ack(slackStateOptions(core.stateChoices(options.value ?? '')));
  });

  // What happened, changed: the modal redrawn with the fields that follow from it, the values kept.
  app.action<BlockAction>(formActionId('what'), async ({ ack, body, client }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const form = redrawnForm(slackFormValues(view.state as never, view.private_metadata));
    await client.views.update({ view_id: view.id, hash: view.hash, view: renderSlackForm(form, originOf(view)) as never });
  });

  // Another state the message named, chosen: the modal redrawn holding it, the values kept.
  app.action<BlockAction>(NAMED_STATE_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const view = body.view;
    if (!view || action.type !== 'button') return;
    const form = withStateSwitched(slackFormValues(view.state as never, view.private_metadata), action.value ?? '');
    if (form) await client.views.update({ view_id: view.id, hash: view.hash, view: renderSlackForm(form, originOf(view)) as never });
  });

  app.view(FORM_CALLBACK_ID, async ({ ack, body, view, client }) => {
    const arrivedAt = performance.now();
    const requestId = newRequestId();
    const team = body.team?.id ?? body.user.team_id;
    const values = slackFormValues(view.state as never, view.private_metadata);
    const origin = originOf(view);
    let acknowledged = false;
    const close = async () => {
      if (!acknowledged) await ack();
      acknowledged = true;
    };
    const requestLog = log.child({ requestId });
    await submitForm(
      core,
      {
        place: placeOf(origin.channel),
        organization: team,
        idempotencyKey: formSubmissionKey('slack', team, body.user.id, `${view.id}:${view.hash}`, values),
        requestId,
        arrivedAt,
      },
      values,
      {
        ...sharedSurface(surfaceOptions, client, { id: body.user.id, name: body.user.name }, team, requestLog),
        async showErrors(form) {
          acknowledged = true;
          const errors = slackFormErrors(form, view.blocks as { block_id?: string }[]);
          await ack(errors ? { response_action: 'errors', errors } : { response_action: 'update', view: renderSlackForm(form, origin) as never });
        },
        async answer(reply) {
          await close();
          await toPerson(client, body.user.id, renderSlack(reply));
        },
        // The channel the modal was opened from gets its one line, where members turned it on.
        async tellChannel(line) {
          if (!origin.channel) return;
          await client.chat
            .postMessage({ channel: origin.channel, ...renderSlackEcho(line) })
            .catch((error: unknown) => requestLog.warn('the channel notice was not posted', { error: error instanceof Error ? error.message : String(error) }));
        },
      },
    );
    await close();
  });
}
