/**
 * Reading `data/states.csv`: RFC 4180 cells into {@link StateRecord}s, refusing a file whose
 * columns or statuses are not the ones this code understands.
 */
import { readFileSync } from 'node:fs';
import type { CcmStatus, StateRecord, TreatyStatus } from './state-record.ts';

const CSV_COLUMNS = [
  'iso3',
  'iso2',
  'name',
  'aliases',
  'un_member',
  'ccm_status',
  'ccm_date',
  'apmbc',
  'crpd',
  'un_region_group',
  'au',
  'asean',
  'caricom',
  'unga_ccm_vote',
  'verified',
  'iso_numeric',
] as const;

/** ISO 3166-1 numeric: three digits, kept as text ("004"), as map data keys countries. */
const ISO_NUMERIC = /^\d{3}$/;

/** Splits RFC 4180 CSV text (quoted fields, doubled quotes) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Reads the state reference file; a missing column or unknown status is a packaging error. */
export function loadStatesCsv(path: string): StateRecord[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (!header || CSV_COLUMNS.some((column, i) => header[i] !== column)) {
    throw new Error(`${path}: expected columns ${CSV_COLUMNS.join(',')}, got ${header?.join(',')}`);
  }
  const yes = (value: string | undefined) => value === 'yes';
  return rows.map((cells, line) => {
    const cell = (column: (typeof CSV_COLUMNS)[number]) => cells[CSV_COLUMNS.indexOf(column)] ?? '';
    const ccmStatus = cell('ccm_status');
    if (!['party', 'signatory', 'not_signatory', 'withdrawn'].includes(ccmStatus)) {
      throw new Error(`${path}: line ${line + 2}: unknown ccm_status "${ccmStatus}"`);
    }
    if (!ISO_NUMERIC.test(cell('iso_numeric'))) {
      throw new Error(`${path}: line ${line + 2}: iso_numeric "${cell('iso_numeric')}" is not a three-digit ISO 3166-1 numeric code`);
    }
    return {
      iso3: cell('iso3'),
      iso2: cell('iso2'),
      name: cell('name'),
      aliases: cell('aliases')
        .split(';')
        .map((a) => a.trim())
        .filter(Boolean),
      unMember: yes(cell('un_member')),
      ccmStatus: ccmStatus as CcmStatus,
      ccmDate: cell('ccm_date') || null,
      apmbc: cell('apmbc') as TreatyStatus,
      crpd: cell('crpd') as TreatyStatus,
      unRegionGroup: cell('un_region_group'),
      au: yes(cell('au')),
      asean: yes(cell('asean')),
      caricom: yes(cell('caricom')),
      ungaCcmVote: cell('unga_ccm_vote'),
      verified: cell('verified'),
      isoNumeric: cell('iso_numeric'),
    };
  });
}
