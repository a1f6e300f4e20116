/**
 * The house's structure (issue 23): no import circle between files, no import from a lower
 * layer to a higher one, and no source file over about 300 lines. Each check names what breaks
 * the rule, so that the message alone says what to move or split.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesUnder, inSrc, relativeImports, SRC, type SourceImport } from './support/source.ts';

/**
 * Every relative import in src/, lazy `import()` included: the Slack adapter and the chart
 * libraries are loaded late to save start-up time, but the importer needs them all the same.
 * Type-only imports count too: the design depends on a type as much as on a function.
 */
const IMPORTS: SourceImport[] = filesUnder(SRC).flatMap(relativeImports);

/**
 * The layers, lowest first, each with the folders (`name/`) and top-level files it holds. A file
 * may import its own layer and those below it. Rules go by folder, so a file moving between
 * folders of one layer (a renderer into its platform's adapter) breaks none.
 */
const LAYERS: { name: string; holds: string[]; why: string }[] = [
  { name: 'log', holds: ['log.ts'], why: 'imports nothing of ours, and anyone may log' },
  { name: 'domain', holds: ['domain/'], why: 'the pure rules (states, dates, the plan): they import nothing else of ours' },
  { name: 'store', holds: ['store/'], why: 'rows and transactions, in the domain’s terms' },
  { name: 'core', holds: ['core/'], why: 'commands parsed, authorized and run in one store transaction, returning reply models' },
  { name: 'reports', holds: ['reports/'], why: 'reply models built from the store: progress, digests, reminders, the public report' },
  {
    name: 'commands',
    holds: ['commands/'],
    why: 'one declaration per command, using the core and the reports; handed to the registry by the composition root, never imported by the core',
  },
  { name: 'scheduler', holds: ['scheduler/'], why: 'due posts: reply models from the reports handed to posters; never a renderer or a platform' },
  { name: 'render', holds: ['render/'], why: 'reply models drawn as text and pictures, for the adapters only' },
  {
    name: 'adapters',
    holds: ['adapters/'],
    why: 'translate between a chat platform and the core, drawing replies with their renderers; each platform describes its own settings (platform.ts)',
  },
  {
    name: 'top',
    holds: ['cli/', '*.ts'],
    why: 'the composition root (main.ts, bot.ts, chat.ts, config.ts: configuration composed from the platforms’ slices) and the operator’s tools; any other top-level file sits here',
  },
];

/**
 * Imports from a lower layer to a higher one, allowed for now: delete a line when its import
 * goes. Listed as `from -> to`, both relative to src/.
 */
const UPWARD_FOR_NOW: string[] = [];

/** Longest a source file may be, in lines: past it, a file is doing two jobs. */
const MOST_LINES = 300;
/** drizzle's schema is one table list, read as a whole. */
const LONG_BY_NATURE = ['store/schema.ts'];
/** Files over the limit for now. */
const LONG_FOR_NOW: string[] = [];

/** The layer a file of src/ sits in, by its folder, or for a top-level file its name; undefined if none holds it. */
function layerOf(file: string): number | undefined {
  const path = inSrc(file);
  const place = path.includes('/') ? `${path.split('/')[0]}/` : path;
  const named = LAYERS.findIndex((layer) => layer.holds.includes(place));
  if (named >= 0) return named;
  return place.endsWith('/') ? undefined : LAYERS.findIndex((layer) => layer.holds.includes('*.ts'));
}

/** The circles in a graph of files, each as the files around it, the first repeated at the end. */
function circlesIn(imports: readonly SourceImport[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of imports) next.set(from, [...(next.get(from) ?? []), to]);
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): void => {
    path.push(file);
    for (const to of next.get(file) ?? []) {
      if (path.includes(to)) found.push([...path.slice(path.indexOf(to)), to].map(inSrc));
      else if (!done.has(to)) visit(to);
    }
    path.pop();
    done.add(file);
  };
  for (const file of [...next.keys()].sort()) if (!done.has(file)) visit(file);
  return found;
}

function lineCount(file: string): number {
  return readFileSync(file, 'utf8').split('\n').length - 1;
}

describe('the structure of src/', () => {
  it('has no import circle: following imports from any file never leads back to it', () => {
    expect(IMPORTS.length).toBeGreaterThan(100);
    expect(circlesIn(IMPORTS).map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('places every folder and top-level file of src/ in a layer', () => {
    expect(
      filesUnder(SRC)
        .filter((file) => layerOf(file) === undefined)
        .map(inSrc),
    ).toEqual([]);
  });

  it('has no import from a lower layer to a higher one: arrows point down', () => {
    const upward = IMPORTS.flatMap(({ from, to, line }) => {
      const [low, high] = [layerOf(from) ?? 0, layerOf(to) ?? 0];
      if (high <= low) return [];
      return [{ pair: `${inSrc(from)} -> ${inSrc(to)}`, at: `${inSrc(from)}:${line} (${LAYERS[low]?.name}) imports ${inSrc(to)} (${LAYERS[high]?.name})` }];
    });
    expect(upward.filter(({ pair }) => !UPWARD_FOR_NOW.includes(pair)).map(({ at }) => at)).toEqual([]);
    // An allowance whose import is gone is deleted, so it cannot excuse a new one later.
    expect(UPWARD_FOR_NOW.filter((pair) => !upward.some((u) => u.pair === pair))).toEqual([]);
  });

  it(`has no file over ${MOST_LINES} lines, drizzle's schema aside: a longer file does two jobs`, () => {
    const long = filesUnder(SRC)
      .map((file) => ({ path: inSrc(file), lines: lineCount(file) }))
      .filter(({ path, lines }) => lines > MOST_LINES && !LONG_BY_NATURE.includes(path));
    expect(long.filter(({ path }) => !LONG_FOR_NOW.includes(path)).map(({ path, lines }) => `${path}: ${lines} lines`)).toEqual([]);
    expect(LONG_FOR_NOW.filter((path) => !long.some((l) => l.path === path))).toEqual([]);
  });
});
