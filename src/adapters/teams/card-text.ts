/**
 * Text safety for Adaptive Cards in Teams: user text (notes, steps, names) must come back
 * exactly as typed, never formatted, linked or turned into a mention.
 *
 * How, and why this way rather than backslash escapes:
 * - Every text goes into `TextRun`s of a `RichTextBlock`, which Adaptive Cards never run
 *   through Markdown (only `TextBlock` and `FactSet` are). Backslash escapes in `TextBlock`s
 *   have behaved differently on Teams desktop, iOS and Android for years (AdaptiveCards
 *   #5590, #4677; msteams-docs #5793), and a diplomat reading `\*\*` on a phone is a bug too.
 * - `FactSet` titles and values are Markdown in Teams, so only text with nothing Markdown or
 *   a link detector could act on goes there ({@link isMarkdownInert}); other facts are stacked.
 * - What no format switches off is broken with an invisible WORD JOINER (U+2060): URL and
 *   e-mail autolinking, `<at>` mention tags and the `{{DATE(…)}}` / `{{TIME(…)}}` functions,
 *   which hosts expand even inside `TextRun`s. The text reads the same; it just no longer
 *   matches those patterns.
 */

/** Invisible, zero width and no line break: breaks a pattern without changing what is read. */
export const WORD_JOINER = '\u2060';

/**
 * Makes plain text inert for Teams without changing how it reads: no autolinks (URLs, bare
 * domains, e-mail addresses), no mention or HTML-ish tags, no date/time templates.
 */
export function neutralize(text: string): string {
  return (
    text
      // `<at>Everyone</at>`, `<b>`: a tag needs `<` directly before its name.
      .replace(/</g, `<${WORD_JOINER}`)
      // `{{DATE(2026-03-10T09:00:00Z)}}` is expanded only with two braces side by side.
      .replace(/\{(?=\{)/g, `{${WORD_JOINER}`)
      // `https://…`: the scheme no longer touches its `://`.
      .replace(/:(?=\/\/)/g, `${WORD_JOINER}:`)
      // `x@y.org`, `@channel`: nothing touches the `@`.
      .replace(/@/g, `${WORD_JOINER}@${WORD_JOINER}`)
      // `evil.example`, `www.x.org`: a host name needs its labels joined by bare dots.
      .replace(/(?<=[\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu, `.${WORD_JOINER}`)
  );
}

/** The text as a person reads it: {@link neutralize} undone. */
export function visibleText(text: string): string {
  return text.replaceAll(WORD_JOINER, '');
}

/** Characters that are never Markdown, HTML or part of a link in a Teams fact. */
const INERT_CHARACTERS = /^[\p{L}\p{N}\p{Zs},;:'’"“”()/%+·.!?–—-]*$/u;

/**
 * Whether Teams' Markdown (in `FactSet` titles and values) and link detection have nothing to
 * act on in this text: no `*`, `_`, `[`, `#`, `>`, backticks, `<`, `&`, `@`, `{`, no list
 * start, no `://` and no dot between letters or digits (a host name, or `3.5`).
 */
export function isMarkdownInert(text: string): boolean {
  return INERT_CHARACTERS.test(text) && !/^\s*([-+]|\d+[.)])/.test(text) && !text.includes('://') && !/[\p{L}\p{N}]\.[\p{L}\p{N}]/u.test(text);
}

/** Shortens text to at most `max` characters with an ellipsis, never splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Styles a `TextRun` can carry (Adaptive Cards 1.5, canonical casing). */
export interface RunStyle {
  weight?: 'Bolder';
  size?: 'Medium';
  color?: 'Good' | 'Warning' | 'Attention';
  isSubtle?: true;
  italic?: true;
  fontType?: 'Monospace';
}

export interface TextRun extends RunStyle {
  type: 'TextRun';
  text: string;
}

/** One run of user text: shown exactly as typed, backticks included. */
export function plainRun(text: string, style: RunStyle = {}): TextRun {
  return { type: 'TextRun', text: neutralize(text), ...style };
}

/**
 * Runs of bot-authored text in the neutral format, where backticks mark a command: each
 * command becomes a monospace run without its backticks. Text with an odd number of
 * backticks is not in that format and is shown as written.
 */
export function commandRuns(text: string, style: RunStyle = {}): TextRun[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [plainRun(text, style)];
  return parts.flatMap((part, i) => (part === '' ? [] : [plainRun(part, i % 2 === 1 ? { ...style, fontType: 'Monospace' } : style)]));
}
