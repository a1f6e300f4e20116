/** The one table `npm run bench` prints, in Markdown, each row with its target and whether it is met. */
import type { Samples } from './stats.ts';

/** A single figure, or p50 and p99 of samples. */
export type Figure = number | Samples;

export type Target =
  /** The ccm-bot figure (its p50 for samples) stays under this. */
  | { below: number }
  /** ccm-bot's ratio to the floor app stays at or under this. */
  | { floorRatio: number }
  /** ccm-bot's ratio to the bare app stays at or under this. */
  | { bareRatio: number }
  /** No target: reported for the record. */
  | string;

export interface Row {
  measure: string;
  ccm: Figure;
  floor?: Figure;
  bare?: Figure;
  /** Median of per-run ratios of ccm-bot to each reference. */
  vsFloor?: number;
  vsBare?: number;
  target: Target;
}

const number = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const figure = (value: Figure | undefined) =>
  value === undefined ? '' : typeof value === 'number' ? number(value) : `${number(value.p50)} / ${number(value.p99)}`;
const ratio = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(2)}×`);

function verdict(row: Row): string {
  const { target } = row;
  if (typeof target === 'string') return target;
  if ('below' in target) {
    const value = typeof row.ccm === 'number' ? row.ccm : row.ccm.p50;
    return `< ${target.below} ${value < target.below ? '✓' : '✗'}`;
  }
  if ('bareRatio' in target) return `≤ ${target.bareRatio}× bare ${row.vsBare !== undefined && row.vsBare <= target.bareRatio ? '✓' : '✗'}`;
  return `≤ ${target.floorRatio}× floor ${row.vsFloor !== undefined && row.vsFloor <= target.floorRatio ? '✓' : '✗'}`;
}

export function renderTable(rows: readonly Row[]): string {
  const lines = [
    '| measure | ccm-bot | floor | bare | ccm-bot ÷ floor | ccm-bot ÷ bare | target |',
    '|---|--:|--:|--:|--:|--:|---|',
    ...rows.map(
      (row) =>
        `| ${row.measure} | ${figure(row.ccm)} | ${figure(row.floor)} | ${figure(row.bare)} | ${ratio(row.vsFloor)} | ${ratio(row.vsBare)} | ${verdict(row)} |`,
    ),
  ];
  return lines.join('\n');
}
