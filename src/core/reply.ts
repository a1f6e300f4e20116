/**
 * What ccm-bot says, before any platform decides how it looks.
 *
 * Commands return a {@link Reply}; renderers (text, Block Kit, Adaptive Cards) turn it into
 * output. Every string in a reply is plain text as the user or the data wrote it: escaping
 * for a platform is the renderer's job, never the command's.
 *
 * The one mark in this neutral format: in text the bot writes (titles, lines, labels), a span
 * in backticks is a command to type, such as `milestone wg3 date <date>`. Each renderer
 * translates it: the terminal prints it as it is, chat renderers show it as code. Text a
 * member typed (notes, steps, names) carries no marks: renderers escape it whole.
 */
import type { ErrorCode } from './error-codes.ts';
import type { FormModel } from './form.ts';
import type { Picture } from './picture.ts';

export type { Picture } from './picture.ts';

export type Tone = 'success' | 'info' | 'warning' | 'error';

/** A label and its value, e.g. "CCM status: State Party since 18 Mar 2009". */
export interface Fact {
  label: string;
  value: string;
}

/** One line of a list; `detail` is shown smaller or after a dash. */
export interface ListItem {
  text: string;
  detail?: string;
}

export interface Section {
  heading: string;
  items: ListItem[];
  /** How many further items exist beyond those listed, with the command that shows them. */
  more?: { count: number; hint: string };
  /** Shown when `items` is empty. */
  empty?: string;
}

/** Progress toward a measurable target, e.g. 3 of 10 meetings. */
export interface Progress {
  label: string;
  current: number;
  /** Absent for figures shown for information only. */
  target?: number;
  /** The upper end of a range target ("1–2 regional engagements"). */
  targetMax?: number;
  status: 'done' | 'on-track' | 'behind' | 'info';
  detail?: string;
  /** What the figure belongs to (a deliverable); consecutive items of one group render together. */
  group?: { title: string; detail?: string };
}

/** "3 of 10", "1 of 1–2", or just "3" for a figure without target. */
export function progressFigure(p: Pick<Progress, 'current' | 'target' | 'targetMax'>): string {
  if (p.target === undefined) return String(p.current);
  return `${p.current} of ${p.target}${p.targetMax !== undefined && p.targetMax !== p.target ? `–${p.targetMax}` : ''}`;
}

/** A corrected command the user may run instead: a button on Slack and Teams. */
export interface Suggestion {
  label: string;
  command: string;
}

/** A button that runs a command for the person who pressed it, e.g. Undo. */
export interface Action {
  label: string;
  command: string;
  style?: 'danger' | 'primary';
  /**
   * Pressing it settles the message it is on (an Undo, a nudge's Mark done): the platform may
   * replace that message with the outcome, so the button cannot be pressed again. Absent: the
   * message stays as it was (a dashboard, help, a digest), and the outcome is a new message.
   */
  settles?: true;
}

/**
 * A file that comes with a reply, such as the log `export` as a spreadsheet. The command builds
 * the file whatever the platform; delivering it is the adapter's job:
 *
 * - a platform that can hand a file to the person alone (into their private conversation with
 *   the bot) sends it, and replaces `instead` with a line saying where the file went;
 * - everywhere else (the text renderer, so the shell; a platform that cannot) the reply shows
 *   `instead`, which says how to get the file another way (the `ccm export` command to run),
 *   through {@link withoutAttachment}. The content is never shown inline: it can be long, and
 *   it may hold the whole log.
 */
export interface Attachment {
  /** The file's name as the person receives it: `ccm-log-2026-03-10.csv`. */
  fileName: string;
  /** The IANA media type, e.g. `text/csv`. */
  mediaType: string;
  /** The file itself, as text (UTF-8). */
  content: string;
  /** The line shown where the file cannot be delivered. */
  instead: string;
}

export interface Reply {
  tone: Tone;
  title: string;
  /** Short paragraphs of plain text. */
  lines?: string[];
  facts?: Fact[];
  progress?: Progress[];
  sections?: Section[];
  suggestions?: Suggestion[];
  actions?: Action[];
  /**
   * Who may see it. Replies are private to the person by default: the log is diplomatically
   * sensitive, and only an explicit choice makes something visible to a channel.
   */
  visibility: 'private' | 'public';
  /** A stable code for errors, for tests and logs ("unknown-state", "bad-date", ...): see core/error-codes.ts. */
  code?: ErrorCode;
  /**
   * A one-line notice for everyone in the channel, where members turned the echo on
   * (`echo on`). It never names a state: the log itself stays private.
   */
  publicEcho?: string;
  /** A file for the person who asked, see {@link Attachment}. */
  attachment?: Attachment;
  /** A chart or map to show with the reply, see {@link Picture}; shown where the reply goes. */
  picture?: Picture;
  /**
   * A form to fill in (see core/form.ts): a platform that has forms opens it, and the reply's
   * title and lines say what to type instead where none does.
   */
  form?: FormModel;
}

/** A confirmation or answer, private by default. */
export function reply(fields: Omit<Reply, 'visibility'> & { visibility?: Reply['visibility'] }): Reply {
  return { visibility: 'private', ...fields };
}

/** An error for the user: what went wrong, how to fix it, and nothing was changed. */
export function errorReply(code: ErrorCode, title: string, fields: Partial<Omit<Reply, 'tone' | 'title' | 'code'>> = {}): Reply {
  return { visibility: 'private', ...fields, tone: 'error', title, code };
}

/**
 * The reply as shown without its file: `line` (by default the attachment's `instead`) ends its
 * lines. A reply without a file is returned as it is.
 */
export function withoutAttachment(reply: Reply, line: string | undefined = reply.attachment?.instead): Reply {
  if (!reply.attachment) return reply;
  const { attachment: _file, ...shown } = reply;
  return line === undefined ? shown : { ...shown, lines: [...(shown.lines ?? []), line] };
}

/**
 * The reply as shown without its picture: `line` (by default the picture's `instead`; null for
 * none) ends its lines. An adapter that delivers the picture itself passes its own line, or null.
 */
export function withoutPicture(reply: Reply, line: string | null = reply.picture?.instead ?? null): Reply {
  if (!reply.picture) return reply;
  const { picture: _picture, ...shown } = reply;
  return line === null ? shown : { ...shown, lines: [...(shown.lines ?? []), line] };
}
