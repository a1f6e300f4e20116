/**
 * The 1-page internal barrier map the plan asks for (section 4, Evidence-based targeting): every
 * barrier category, empty ones included, the states in each with their note, and the recommended
 * engagement message. Shared by the `barriers` command and `ccm barriers`, so both say the same.
 *
 * It names states: it is for the group, never for circulation.
 */
import { BARRIER_CATEGORIES, BARRIER_TEXT, type BarrierCategory } from '../domain/barriers.ts';
import { dateOfInstant, formatDate } from '../domain/dates.ts';
import type { StateDirectory } from '../domain/states.ts';
import type { Store } from '../store/store.ts';
import { markdownText, toCsv } from './files.ts';

interface MappedState {
  iso3: string;
  name: string;
  note: string | null;
  /** The day the barrier was first recorded, in the group's time zone. */
  recordedOn: string;
}

interface MappedCategory {
  category: BarrierCategory;
  /** The category in the plan's words. */
  title: string;
  message: string | undefined;
  /** By name. */
  states: MappedState[];
}

export interface BarrierMap {
  categories: MappedCategory[];
  /** How many barriers are recorded, and for how many states. */
  barriers: number;
  states: number;
}

export function buildBarrierMap(store: Store, states: StateDirectory, timeZone: string): BarrierMap {
  const rows = store.barriers.live();
  const messages = new Map(store.barriers.messages().map((m) => [m.category, m.message]));
  const categories = BARRIER_CATEGORIES.map((category) => ({
    category,
    title: BARRIER_TEXT[category],
    message: messages.get(category),
    states: rows
      .filter((row) => row.category === category)
      .map((row) => ({
        iso3: row.stateIso3,
        name: states.byCode(row.stateIso3).name,
        note: row.note,
        recordedOn: dateOfInstant(row.createdAt, timeZone),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
  return { categories, barriers: rows.length, states: new Set(rows.map((row) => row.stateIso3)).size };
}

/** "3 barriers recorded for 2 states". */
export function barrierCountText(map: BarrierMap): string {
  return `${map.barriers} ${map.barriers === 1 ? 'barrier' : 'barriers'} recorded for ${map.states} ${map.states === 1 ? 'state' : 'states'}`;
}

/** The command that records a category's message, as the map suggests it where there is none. */
function messageCommand(category: BarrierCategory): string {
  return `barrier message ${category} — <text>`;
}

/** The map as a Markdown page. */
export function barrierMapMarkdown(map: BarrierMap, today: string): string {
  const out = [
    '# Barrier map',
    '',
    `Internal to the Informal Working Group on Universalization: it names states; not for circulation. As of ${formatDate(today)}: ${barrierCountText(map)}.`,
  ];
  for (const c of map.categories) {
    out.push('', `## ${c.title} (${c.states.length})`, '');
    out.push(
      c.message ? `**Recommended engagement message:** ${markdownText(c.message)}` : `*No recommended message yet* (\`${messageCommand(c.category)}\`).`,
      '',
    );
    if (c.states.length === 0) out.push('- No state recorded.');
    for (const s of c.states) out.push(`- **${markdownText(s.name)}** (${s.iso3})${s.note ? `: ${markdownText(s.note)}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

const CSV_COLUMNS = ['category', 'category_name', 'message', 'state_iso3', 'state', 'note', 'recorded_on'] as const;

/** The map as CSV: one row per state and category, and one row with no state for an empty category. */
export function barrierMapCsv(map: BarrierMap): string {
  const rows = map.categories.flatMap((c) => {
    const base = [c.category, c.title, c.message ?? ''];
    if (c.states.length === 0) return [[...base, '', '', '', '']];
    return c.states.map((s) => [...base, s.iso3, s.name, s.note ?? '', s.recordedOn]);
  });
  return toCsv(CSV_COLUMNS, rows);
}
