/**
 * Where a command's words end and its note begins. Its own file because both the grammar
 * (parse.ts) and the date arguments (date-args.ts) need it, and parse.ts reads dates.
 */

/**
 * Splits "Viet Nam via capital — raised at consultations" at the first note separator:
 * an em or en dash, or a hyphen pair or single hyphen with spaces around it.
 * Hyphens inside names ("Guinea-Bissau") are not separators.
 */
export function splitNote(text: string): { body: string; note: string | undefined } {
  const match = /\s*[—–]\s*|\s+--?\s+/.exec(text);
  if (!match) return { body: text.trim(), note: undefined };
  const body = text.slice(0, match.index).trim();
  const note = text.slice(match.index + match[0].length).trim();
  return { body, note: note.length > 0 ? note : undefined };
}
