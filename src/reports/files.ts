/**
 * How reports become files: CSV for spreadsheets, Markdown for pasting into documents.
 */
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as RFC 4180 writes it: a header row, CRLF between records, a field quoted when it holds a
 * comma, a quote or a line break (any line break: a bare LF in an unquoted field would split the
 * row in a spreadsheet). It starts with a byte order mark, so that a spreadsheet opens accents
 * and emoji as UTF-8; CSV readers skip it. Text that a spreadsheet would run as a formula is
 * made inert (see {@link inertInSpreadsheet}); numbers stay numbers.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify([columns, ...rows.map((row) => row.map((cell) => (typeof cell === 'string' ? inertInSpreadsheet(cell) : (cell ?? ''))))], {
    record_delimiter: 'windows',
    bom: true,
    quoted_match: /[\r\n]/,
  });
}

/**
 * A text cell as a spreadsheet will only show, never run. Excel, LibreOffice and Google Sheets
 * take a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a
 * formula, and a formula can fetch a URL or run a command: a note typed in chat must not do that
 * on the machine of whoever opens the export. Such a cell gets a leading apostrophe, as OWASP
 * advises; the JSON export keeps the text exactly as typed.
 */
function inertInSpreadsheet(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Text typed by members or read from files, made inert within a Markdown line (a list item or a
 * table cell, never a line's start): characters that would start emphasis, code, a link, HTML
 * or a new cell are escaped, and line breaks become spaces, so a note stays one item and reads as
 * typed. Nothing else is escaped, so the text pasted raw into a document stays readable.
 */
export function markdownText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|]/g, '\\$&');
}
