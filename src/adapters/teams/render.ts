/**
 * Replies as Microsoft Teams messages: one Adaptive Card (schema 1.5, what Teams renders) in a
 * plain activity object for the Teams adapter to send. The only module that knows Adaptive
 * Cards; it imports no SDK.
 *
 * - User text is shown exactly as typed (see `teams-text.ts` for how and why).
 * - The activity has no `text`: Teams shows an activity's text as a message of its own beside
 *   the card (msteams-docs #1998), so every reply would arrive twice. `summary` is what Teams
 *   previews in the chat list (and, on some clients, notifications) instead of "Sent a card";
 *   a client that cannot draw the card shows its `fallbackText`.
 * - Teams refuses messages above about 28 KB: long replies are cut item by item, with a line
 *   saying how much was left out and which command shows it, as the Slack renderer does.
 * - Buttons run a command string for whoever presses them: see `CcmActionData` in teams-card.ts.
 */
import { LOG_OUTREACH_BUTTON, opensForm } from '../../commands/form.ts';
import { type Progress, progressFigure, type Reply, withoutAttachment, withoutPicture } from '../../core/reply.ts';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  ADAPTIVE_CARD_SCHEMA,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Container,
  type RichTextBlock,
  type TeamsActivity,
} from './card.ts';
import { type RunStyle, type TextRun, commandRuns, cut, isMarkdownInert, neutralize, plainRun } from './card-text.ts';

/** Log outreach, Add next step and Edit open the form's dialog (a `task/fetch` invoke, see dialogs.ts) instead of running a command. */
const OPENS_DIALOG = { msteams: { type: 'task/fetch' } } as const;

// One import for the adapter: the shapes, the button data and how to read it back.
export * from './card.ts';

export const TEAMS_LIMITS = {
  /**
   * ccm-bot's cap on one message: the whole activity as JSON, in UTF-16 code units (see
   * {@link teamsSize}). Teams takes up to 100 KB (80 KB recommended); 28 K keeps a card readable.
   */
  messageSize: 28_000,
  /** What the renderer fills; the rest is for the envelope the adapter adds (conversation, from, recipient, channelData). */
  budgetSize: 26_000,
  /** Card-level buttons: the Adaptive Cards default host config shows five; more are listed as commands. */
  actions: 5,
  buttonTitle: 60,
  /** A command longer than this gets no button (Slack's limit, so both platforms offer the same). */
  command: 2000,
  title: 300,
  line: 2000,
  heading: 200,
  item: 1200,
  factLabel: 100,
  factValue: 1200,
  /** Facts this short go in a two-column FactSet; longer ones are stacked, to read well on a phone. */
  factSetLabel: 40,
  factSetValue: 80,
  summary: 200,
  fallbackText: 600,
  echo: 1000,
} as const;

/**
 * A message's size as Microsoft counts it: UTF-16 code units of its JSON (JavaScript's string
 * length), so a character outside the Basic Multilingual Plane (an emoji) counts two and an
 * accented letter one, whatever its UTF-8 bytes.
 */
export function teamsSize(value: unknown): number {
  return JSON.stringify(value).length;
}

/** The size left for the card's droppable parts; each element costs its JSON and a comma. */
class Budget {
  private left: number;

  constructor(left: number) {
    this.left = left;
  }
  take(...elements: unknown[]): boolean {
    const cost = elements.reduce<number>((sum, e) => sum + teamsSize(e) + 1, 0);
    if (cost > this.left) return false;
    this.left -= cost;
    return true;
  }
}

const text = (inlines: TextRun[], extra: Omit<RichTextBlock, 'type' | 'inlines'> = {}): RichTextBlock => ({ type: 'RichTextBlock', inlines, ...extra });
const subtle = (inlines: TextRun[]): RichTextBlock => text(inlines, { spacing: 'None' });
// Details stay at the normal size: a 1,000-character note in small print is hard to read on a phone.
const SUBTLE: RunStyle = { isSubtle: true };

const TONE: Record<Reply['tone'], { mark: string; color?: RunStyle['color'] }> = {
  success: { mark: '✓ ', color: 'Good' },
  info: { mark: '' },
  warning: { mark: '⚠ ', color: 'Warning' },
  error: { mark: '✗ ', color: 'Attention' },
};

/** An entry of a list: its blocks, and whether leaving it out counts as a line left out. */
interface Entry {
  blocks: CardElement[];
  line: boolean;
}

/** A container with its head and as many entries as the budget allows (none at all if not even the first fits). */
function fill(shell: Omit<Container, 'items'>, head: CardElement[], entries: Entry[], budget: Budget) {
  const first = entries[0]?.blocks ?? [];
  if (!budget.take({ ...shell, items: [] }, ...head, ...first)) return { dropped: entries };
  const items = [...head, ...first];
  let i = 1;
  for (; i < entries.length && budget.take(...entries[i]!.blocks); i++) items.push(...entries[i]!.blocks);
  return { element: { ...shell, items } satisfies Container, dropped: entries.slice(i) };
}

function factElements(reply: Reply, budget: Budget): { elements: CardElement[]; dropped: number } {
  const elements: CardElement[] = [];
  const facts = reply.facts ?? [];
  // Short facts share a table until the first long one; the rest are stacked, so the order
  // stays and a phone never shows table, paragraph, table.
  let stacking = false;
  for (let i = 0; i < facts.length; i++) {
    const { label, value } = facts[i]!;
    stacking ||= !(label.length <= TEAMS_LIMITS.factSetLabel && value.length <= TEAMS_LIMITS.factSetValue && isMarkdownInert(label) && isMarkdownInert(value));
    const short = !stacking;
    const last = elements.at(-1);
    if (short) {
      const fact = { title: label, value };
      if (last?.type === 'FactSet' ? budget.take(fact) : budget.take({ type: 'FactSet', facts: [] }, fact)) {
        if (last?.type === 'FactSet') last.facts.push(fact);
        else elements.push({ type: 'FactSet', facts: [fact] });
        continue;
      }
    } else {
      // A note or a step: its label, then the value as a paragraph of its own.
      const stacked: Container = {
        type: 'Container',
        items: [text([plainRun(cut(label, TEAMS_LIMITS.factLabel), { weight: 'Bolder' })]), subtle([plainRun(cut(value, TEAMS_LIMITS.factValue))])],
      };
      if (budget.take(stacked)) {
        elements.push(stacked);
        continue;
      }
    }
    return { elements, dropped: facts.length - i };
  }
  return { elements, dropped: 0 };
}

/** A ten-cell bar, " ▰▰▰▱▱▱▱▱▱▱", for a figure with a target. */
function bar(current: number, target: number): string {
  const filled = Math.max(0, Math.min(10, Math.round((current / target) * 10)));
  return ` ${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)}`;
}

function progressEntry(p: Progress): Entry {
  const status =
    p.status === 'done'
      ? [plainRun(' ✓ done', { color: 'Good' })]
      : p.status === 'behind'
        ? [plainRun(' behind', { color: 'Attention', weight: 'Bolder' })]
        : [];
  const line = text([
    plainRun(`${cut(p.label, TEAMS_LIMITS.heading)}: `),
    plainRun(progressFigure(p), { weight: 'Bolder' }),
    ...(p.target === undefined ? [] : [plainRun(bar(p.current, p.target))]),
    ...status,
  ]);
  return { blocks: p.detail ? [line, subtle([plainRun(cut(p.detail, TEAMS_LIMITS.item), SUBTLE)])] : [line], line: true };
}

/** Progress grouped under its deliverable, consecutive items of one group together. */
function progressGroups(reply: Reply): { head: CardElement[]; entries: Entry[] }[] {
  const groups: { title?: string; head: CardElement[]; entries: Entry[] }[] = [];
  for (const p of reply.progress ?? []) {
    const last = groups.at(-1);
    if (last && last.title === p.group?.title) {
      last.entries.push(progressEntry(p));
      continue;
    }
    const head: CardElement[] = p.group
      ? [
          text([plainRun(cut(p.group.title, TEAMS_LIMITS.heading), { weight: 'Bolder' })]),
          ...(p.group.detail ? [subtle([plainRun(p.group.detail, SUBTLE)])] : []),
        ]
      : [];
    groups.push({ title: p.group?.title, head, entries: [progressEntry(p)] });
  }
  return groups;
}

function sectionParts(section: NonNullable<Reply['sections']>[number]): { head: CardElement[]; entries: Entry[]; more?: TextRun[] } {
  const entries: Entry[] = section.items.map((item) => ({
    blocks: [
      text([plainRun(`• ${cut(item.text, TEAMS_LIMITS.item)}`)]),
      ...(item.detail ? [subtle([plainRun(cut(item.detail, TEAMS_LIMITS.item), SUBTLE)])] : []),
    ],
    line: true,
  }));
  if (entries.length === 0 && section.empty) entries.push({ blocks: [text(commandRuns(section.empty, { isSubtle: true, italic: true }))], line: false });
  const more = section.more
    ? [plainRun(`…and ${section.more.count} more: `, SUBTLE), plainRun(cut(section.more.hint, TEAMS_LIMITS.heading), { ...SUBTLE, fontType: 'Monospace' })]
    : undefined;
  if (more) entries.push({ blocks: [subtle(more)], line: false });
  return { head: [text([plainRun(cut(section.heading, TEAMS_LIMITS.heading), { weight: 'Bolder' })])], entries, more };
}

function buttons(reply: Reply): { actions: CardAction[]; overflow: string[] } {
  // The form itself is a dialog: where it was typed (`form`), the button that opens it.
  const all = [
    ...(reply.form ? [LOG_OUTREACH_BUTTON] : []),
    ...(reply.actions ?? []),
    ...(reply.suggestions ?? []).map((s) => ({ label: s.label, command: s.command, style: undefined, settles: undefined })),
  ].filter((b) => b.command.length <= TEAMS_LIMITS.command);
  const actions = all.slice(0, TEAMS_LIMITS.actions).map(
    (b): CardAction => ({
      type: 'Action.Submit',
      title: neutralize(cut(b.label, TEAMS_LIMITS.buttonTitle)),
      // The command exactly as the core will read it back: it is data, never shown.
      data: { ccm: b.command, ...(b.settles ? { settles: true } : {}), ...(opensForm(b.command) ? OPENS_DIALOG : {}) },
      ...(b.style ? { style: b.style === 'danger' ? 'destructive' : 'positive' } : {}),
    }),
  );
  return { actions, overflow: all.slice(TEAMS_LIMITS.actions).map((b) => b.command) };
}

/** The short plain text Teams previews instead of "Sent a card". */
function summary(reply: Reply): string {
  return neutralize(cut(`${TONE[reply.tone].mark}${reply.title}`, TEAMS_LIMITS.summary));
}

function activity(reply: Reply, body: CardElement[], actions: CardAction[]): TeamsActivity {
  const fallback = [`${TONE[reply.tone].mark}${reply.title}`, ...(reply.lines ?? [])].join('\n');
  const content: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: '1.5',
    fallbackText: neutralize(cut(fallback, TEAMS_LIMITS.fallbackText)),
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
  return { type: 'message', summary: summary(reply), attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }] };
}

/** Room kept for the closing notice of what was left out. */
const NOTICE_RESERVE = 1200;

export function renderTeams(withFile: Reply): TeamsActivity {
  // A file or picture is the adapter's to deliver (see Attachment, Picture); the message says how to get it otherwise.
  const reply = withoutPicture(withoutAttachment(withFile));
  const tone = TONE[reply.tone];
  const title = text([
    plainRun(cut(`${tone.mark}${reply.title}`, TEAMS_LIMITS.title), { weight: 'Bolder', size: 'Medium', ...(tone.color ? { color: tone.color } : {}) }),
  ]);
  const { actions, overflow } = buttons(reply);
  const lines = [
    ...(reply.lines ?? []),
    ...(overflow.length > 0 ? [`Also: ${overflow.map((c) => `\`${cut(c, TEAMS_LIMITS.heading)}\``).join(', ')}`] : []),
  ].map((line) => text(commandRuns(cut(line, TEAMS_LIMITS.line))));
  const budget = new Budget(TEAMS_LIMITS.budgetSize - teamsSize(activity(reply, [title], actions)) - NOTICE_RESERVE);

  // Lines first: they say what happened and what to do next; facts, figures and lists share the rest in order.
  const keptLines = lines.filter((line) => budget.take(line));
  let droppedLines = lines.length - keptLines.length;
  const facts = factElements(reply, budget);
  droppedLines += facts.dropped;
  const hints: TextRun[][] = [];
  const body: CardElement[] = [title, ...facts.elements];
  for (const group of progressGroups(reply)) {
    const { element, dropped } = fill({ type: 'Container', spacing: 'Medium' }, group.head, group.entries, budget);
    if (element) body.push(element);
    droppedLines += dropped.filter((e) => e.line).length;
  }
  body.push(...keptLines);
  for (const section of reply.sections ?? []) {
    const parts = sectionParts(section);
    const { element, dropped } = fill({ type: 'Container', spacing: 'Medium', separator: true }, parts.head, parts.entries, budget);
    if (element) body.push(element);
    droppedLines += dropped.filter((e) => e.line).length;
    if (parts.more && dropped.some((e) => !e.line) && hints.length < 3)
      hints.push([plainRun(`${section.more!.count} more in ${cut(section.heading, 60)}: `, SUBTLE), parts.more[1]!]);
  }
  if (droppedLines > 0) {
    hints.push(commandRuns(`${droppedLines} more lines did not fit in one Teams message; narrow the command (e.g. \`log since <date>\`).`, SUBTLE));
  }
  body.push(...hints.map((runs) => text(runs)));

  const message = activity(reply, body, actions);
  // The budget leaves room to spare; this only guards against a mistake in it.
  if (teamsSize(message) > TEAMS_LIMITS.messageSize) {
    return activity(reply, [title, text(commandRuns('This reply is too long for one Teams message; narrow the command (e.g. `log since <date>`).'))], actions);
  }
  return message;
}

/** The public one-line notice for a channel: plain text, never formatted, linked or mentioning. */
export function renderTeamsEcho(echo: string): { type: 'message'; text: string; textFormat: 'plain' } {
  return { type: 'message', text: neutralize(cut(echo, TEAMS_LIMITS.echo)), textFormat: 'plain' };
}
