/**
 * How reports become files: CSV for spreadsheets, Markdown for pasting into documents.
 */
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as RFC 4180 writes it: a header row, CRLF between records, a field quoted when it holds a
 * comma, a quote or a line break (any line break: a bare LF in an unquoted field would split the
 * row in a spreadsheet). It starts with a byte order mark, so that a spreadsheet opens accents
 * and emoji as UTF-8; CSV readers skip it.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify([columns, ...rows.map((row) => row.map((cell) => cell ?? ''))], {
    record_delimiter: 'windows',
    bom: true,
    quoted_match: /[\r\n]/,
  });
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
