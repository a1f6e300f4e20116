/**
 * Replies as Slack messages: Block Kit blocks plus the `text` fallback Slack shows in
 * notifications. The only module that knows Block Kit.
 *
 * Every piece of text goes through {@link escapeMrkdwn} and every mrkdwn object is
 * `verbatim`, so a note that says `<!channel>` or `<https://evil|bank>` is shown as typed and
 * never pings or links. Slack's limits (50 blocks, 3,000 characters a section, 10 fields of
 * 2,000) are enforced here: long content is cut with a visible "more" hint, never rejected.
 */
import type { types } from '@slack/bolt';
import { type Progress, progressFigure, type Reply, withoutAttachment, withoutPicture } from '../../core/reply.ts';

type Block = types.KnownBlock;

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  contextElements: 10,
  /** Slack truncates longer `text`; it recommends 4,000 at most. */
  fallbackText: 4000,
} as const;

/** Action ids of buttons that run a command; the value is the command. */
export const RUN_ACTION_PREFIX = 'ccm_run';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Escapes the three characters Slack treats as markup: &, < and >. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack's own escaping undone, for text Slack sends us (slash command text arrives escaped). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Shortens escaped text to `max` characters, never leaving half an entity ("&am…"). */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/&[a-z]{0,3}$/, '')}…`;
}

function mrkdwn(text: string, max: number = SLACK_LIMITS.sectionText) {
  return { type: 'mrkdwn' as const, text: cut(text, max), verbatim: true };
}

function section(text: string): Block {
  return { type: 'section', text: mrkdwn(text) };
}

function context(text: string): Block {
  return { type: 'context', elements: [mrkdwn(text)] };
}

const TONE_MARK: Record<Reply['tone'], string> = {
  success: ':white_check_mark: ',
  info: '',
  warning: ':warning: ',
  error: ':x: ',
};

function bar(p: Progress): string {
  if (p.target === undefined) return '';
  const filled = Math.max(0, Math.min(10, Math.round((p.current / p.target) * 10)));
  return ` ${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)}`;
}

function progressLine(p: Progress): string {
  const status = p.status === 'done' ? ' :white_check_mark:' : p.status === 'behind' ? ' _behind_' : '';
  const detail = p.detail ? `\n      _${escapeMrkdwn(p.detail)}_` : '';
  return `${escapeMrkdwn(p.label)}: *${progressFigure(p)}*${bar(p)}${status}${detail}`;
}

/**
 * Packs lines into as few section texts as fit the 3,000-character limit. Returns the
 * chunks and how many lines did not fit in `maxChunks`.
 */
function pack(lines: string[], maxChunks: number): { chunks: string[]; dropped: number } {
  const chunks: string[] = [];
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const line = cut(lines[i]!, SLACK_LIMITS.sectionText);
    if (current !== '' && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      chunks.push(current);
      current = '';
      if (chunks.length >= maxChunks) return { chunks, dropped: lines.length - i };
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') {
    if (chunks.length >= maxChunks) return { chunks, dropped: current.split('\n').length };
    chunks.push(current);
  }
  return { chunks, dropped: 0 };
}

export function renderSlack(withFile: Reply): SlackMessage {
  // A file or picture is the adapter's to deliver (see Attachment, Picture); the message says how to get it otherwise.
  const reply = withoutPicture(withoutAttachment(withFile));
  const head: Block[] = [section(`${TONE_MARK[reply.tone]}*${escapeMrkdwn(reply.title)}*`)];
  const facts = reply.facts ?? [];
  for (let i = 0; i < facts.length; i += SLACK_LIMITS.fields) {
    head.push({
      type: 'section',
      fields: facts.slice(i, i + SLACK_LIMITS.fields).map((f) => mrkdwn(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, SLACK_LIMITS.fieldText)),
    });
  }
  // Lines come after the figures they comment on, as in the text renderer.
  const lines: Block[] = reply.lines && reply.lines.length > 0 ? [section(reply.lines.map(escapeMrkdwn).join('\n'))] : [];

  const tail: Block[] = [];
  const buttons = [
    ...(reply.actions ?? []).map((a) => ({ label: a.label, command: a.command, style: a.style })),
    ...(reply.suggestions ?? []).map((s) => ({ label: s.label, command: s.command, style: undefined })),
  ].filter((b) => b.command.length <= SLACK_LIMITS.buttonValue);
  if (buttons.length > 0) {
    tail.push({
      type: 'actions',
      elements: buttons.slice(0, SLACK_LIMITS.actionsElements).map((b, i) => ({
        type: 'button' as const,
        action_id: `${RUN_ACTION_PREFIX}_${i}`,
        text: { type: 'plain_text' as const, text: cut(b.label, SLACK_LIMITS.buttonText) },
        value: b.command,
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }

  // The body (progress and list sections) gets whatever the head and tail leave, less one
  // block kept back for a "more" notice.
  let budget = SLACK_LIMITS.blocks - head.length - lines.length - tail.length - 1;
  const body: Block[] = [];
  let droppedLines = 0;
  const groups: { title?: string; lines: string[] }[] = [];
  for (const p of reply.progress ?? []) {
    const title = p.group ? `*${escapeMrkdwn(p.group.title)}*${p.group.detail ? `  _${escapeMrkdwn(p.group.detail)}_` : ''}` : undefined;
    const last = groups.at(-1);
    if (last && last.title === title) last.lines.push(progressLine(p));
    else groups.push({ title, lines: [progressLine(p)] });
  }
  for (const group of groups) {
    const { chunks, dropped } = pack(group.title ? [group.title, ...group.lines] : group.lines, Math.max(0, budget));
    body.push(...chunks.map(section));
    budget -= chunks.length;
    droppedLines += dropped;
  }
  body.push(...lines);
  const hints: string[] = [];
  for (const s of reply.sections ?? []) {
    if (budget <= 1) {
      droppedLines += s.items.length;
      continue;
    }
    const lines = s.items.map((item) => `• ${escapeMrkdwn(item.text)}${item.detail ? `\n      ${escapeMrkdwn(item.detail)}` : ''}`);
    if (lines.length === 0 && s.empty) lines.push(`_${escapeMrkdwn(s.empty)}_`);
    const { chunks, dropped } = pack([`*${escapeMrkdwn(s.heading)}*`, ...lines], budget);
    body.push(...chunks.map(section));
    budget -= chunks.length;
    droppedLines += dropped;
    if (s.more) hints.push(`${s.more.count} more in ${escapeMrkdwn(s.heading)}: \`${escapeMrkdwn(s.more.hint)}\``);
  }
  if (droppedLines > 0) hints.push(`${droppedLines} more lines did not fit in one Slack message; narrow the command (e.g. \`log since <date>\`).`);
  if (hints.length > 0) body.push(context(hints.join('\n')));

  return {
    text: cut(escapeMrkdwn(reply.title), SLACK_LIMITS.fallbackText),
    blocks: [...head, ...body, ...tail],
  };
}

/** The public echo of a reply, for the whole channel: plain escaped text, no blocks. */
export function renderSlackEcho(echo: string): { text: string } {
  return { text: cut(escapeMrkdwn(echo), SLACK_LIMITS.fallbackText) };
}

/**
 * A reply as the app's Home tab, for `views.publish`: the blocks of the same reply as a message
 * (so its buttons run commands the same way). A view has no fallback text.
 */
export function renderSlackHome(reply: Reply): { type: 'home'; blocks: Block[] } {
  return { type: 'home', blocks: renderSlack(reply).blocks };
}
