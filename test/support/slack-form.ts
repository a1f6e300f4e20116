/**
 * What Slack posts for the "Log outreach" modal: the global shortcut, a typeahead question from
 * the options load URL (block_suggestion) and a submission (view_submission), each as the form
 * body Slack signs (see ./slack.ts).
 */
let sequence = 0;

const team = { id: 'T1', domain: 'ccm-wg' };
const user = { id: 'U1', username: 'ana.ortiz', name: 'ana.ortiz', team_id: 'T1' };
const payload = (body: Record<string, unknown>) =>
  `payload=${encodeURIComponent(JSON.stringify({ api_app_id: 'A1', token: 'legacy-verification-token', team, user, ...body }))}`;

/** A press of the global shortcut "Log outreach". */
export function shortcutBody(callbackId = 'ccm_log_outreach'): string {
  return payload({ type: 'shortcut', callback_id: callbackId, trigger_id: `${++sequence}.5678.shortcut`, action_ts: `${Date.now() / 1000}` });
}

/** "Log to ccm-bot" pressed on a message with `text` (as Slack escapes it), in channel C1, by `userId`. */
export function messageShortcutBody(text: string, userId = 'U1'): string {
  return payload({
    type: 'message_action',
    callback_id: 'ccm_log_message',
    trigger_id: `${++sequence}.5678.message`,
    action_ts: `${Date.now() / 1000}`,
    message_ts: '1773100000.000200',
    response_url: 'https://hooks.slack.invalid/actions/T1/1/x',
    channel: { id: 'C1', name: 'universalization' },
    message: { type: 'message', user: 'U9', ts: '1773100000.000200', text },
    user: { ...user, id: userId },
  });
}

/** Letters typed into the modal's state typeahead. */
export function suggestionBody(typed: string, view: { id: string }): string {
  return payload({
    type: 'block_suggestion',
    action_id: 'ccm_form_state',
    block_id: 'form_state',
    value: typed,
    container: { type: 'view', view_id: view.id },
    view: { id: view.id, type: 'modal' },
  });
}

/** A modal as views.open received it, with the id and hash Slack gave it. */
export interface OpenedView {
  id: string;
  hash: string;
  private_metadata: string;
  blocks: { block_id: string; type: string; element?: Record<string, unknown> }[];
}

/** The choices a person made, as the form's fields hold them. */
export interface Filled {
  what: 'contacted' | 'meeting' | 'next';
  state?: { iso3: string; label: string };
  date?: string;
  due?: string;
  level?: string;
  step?: string;
  note?: string;
  again?: boolean;
}

const selected = (value: string, text = value) => ({ selected_option: { text: { type: 'plain_text', text }, value } });

/** The modal's state as Slack sends it with a submission or a change: view.state.values. */
function stateOf(filled: Filled) {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  const put = (field: string, state: Record<string, unknown>) => {
    values[`form_${field}`] = { [`ccm_form_${field}`]: state };
  };
  put('what', selected(filled.what));
  if (filled.state) put('state', selected(filled.state.iso3, filled.state.label));
  if (filled.date) put('date', { selected_date: filled.date });
  if (filled.due) put('due', { selected_date: filled.due });
  if (filled.level) put('level', selected(filled.level));
  if (filled.step !== undefined) put('step', { value: filled.step });
  put('note', { value: filled.note ?? null });
  if (filled.again !== undefined) put('again', { selected_options: filled.again ? [{ text: { type: 'plain_text', text: 'again' }, value: 'yes' }] : [] });
  return { values };
}

/** The open modal as Slack sends it with an interaction: as it was shown, and as it is filled in. */
function modal(view: OpenedView, filled: Filled) {
  const { id, hash, private_metadata, blocks } = view;
  return { id, hash, type: 'modal', callback_id: 'ccm_log_outreach', private_metadata, blocks, state: stateOf(filled) };
}

/** What happened, changed in the open modal `view` (the select dispatches its action at once). */
export function kindChangedBody(view: OpenedView, filled: Filled): string {
  return payload({
    type: 'block_actions',
    trigger_id: `${++sequence}.5678.changed`,
    container: { type: 'view', view_id: view.id },
    view: modal(view, filled),
    actions: [
      {
        type: 'static_select',
        action_id: 'ccm_form_what',
        block_id: 'form_what',
        selected_option: { text: { type: 'plain_text', text: filled.what }, value: filled.what },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  });
}

/** A button of the open modal `view` pressed (a state the message also named), with the modal filled in as `filled`. */
export function modalButtonBody(view: OpenedView, filled: Filled, button: { action_id: string; value: string; block_id: string }): string {
  return payload({
    type: 'block_actions',
    trigger_id: `${++sequence}.5678.pressed`,
    container: { type: 'view', view_id: view.id },
    view: modal(view, filled),
    actions: [{ type: 'button', ...button, action_ts: `${Date.now() / 1000}` }],
  });
}

/** The submission of `view` filled in with `filled`, as view.state.values, by `userId`. */
export function submissionBody(view: OpenedView, filled: Filled, userId = 'U1'): string {
  return payload({
    user: { ...user, id: userId },
    type: 'view_submission',
    trigger_id: `${++sequence}.5678.submit`,
    view: modal(view, filled),
    response_urls: [],
  });
}
