/**
 * The progress chart and the world map as people receive them: PNGs decoded pixel by pixel.
 * The figures come from a real log (the test bot's SQLite file), drawn by the real renderer;
 * each picture is drawn once per case and shared by the checks on it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { geoPath } from 'd3-geo';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawTeamsPicture, TEAMS_PICTURE_LIMITS } from '../src/adapters/teams/picture.ts';
import { UsageError } from '../src/cli/subcommand.ts';
import { drawProgressChart, STANDING_COLOURS, TRACK_COLOUR } from '../src/render/pictures/chart.ts';
import { type RenderedPicture, renderPicture } from '../src/render/pictures/index.ts';
import { STATUS_COLOURS, worldGeometry } from '../src/render/pictures/map.ts';
import { progressChartPicture, type MapVariant, worldMapPicture } from '../src/reports/pictures.ts';
import type { ReportContext } from '../src/reports/progress.ts';
import { collector, onBot } from './support/cli.ts';
import { createTestBot, type TestBot } from './support/harness.ts';

let bot: TestBot;
const TODAY = '2026-03-10';

beforeAll(() => {
  bot = createTestBot({ now: `${TODAY}T09:00:00Z` });
  bot.say('meeting Kenya held in geneva');
  bot.say('meeting Indonesia held in capital');
  bot.say('announced Angola on 2026-03-02 — Minister at the Conference on Disarmament');
});
afterAll(() => bot.close());

const context = (): ReportContext => ({ store: bot.store, plan: bot.plans.activeOn(TODAY), states: bot.states, today: TODAY, timeZone: 'Europe/Zurich' });

/** The colour of one pixel, as #rrggbb. */
function colourAt(png: PNG, x: number, y: number): string {
  const i = (png.width * Math.round(y) + Math.round(x)) * 4;
  return `#${[0, 1, 2].map((k) => png.data[i + k]!.toString(16).padStart(2, '0')).join('')}`;
}

function decode(rendered: RenderedPicture): PNG {
  const png = PNG.sync.read(rendered.png);
  expect([png.width, png.height]).toEqual([rendered.width, rendered.height]);
  return png;
}

describe('the progress chart', () => {
  async function chart() {
    const picture = progressChartPicture(context());
    const rendered = await renderPicture(picture);
    const drawn = await drawProgressChart(picture.drawing);
    const bar = (label: string) => drawn.bars.find((b) => b.label === label)!;
    /** A point of a bar, as a share of its track's length from its left end, in PNG pixels. */
    const at = (label: string, share: number) => {
      const track = bar(label).track!;
      return [(track.x + track.width * share) * rendered.scale, (track.y + track.height / 2) * rendered.scale] as const;
    };
    return { picture, rendered, png: decode(rendered), bar, at };
  }
  let first: Awaited<ReturnType<typeof chart>>;
  beforeAll(async () => {
    first = await chart();
  });

  it('is a PNG twice the drawing’s size, with one bar per figure of every deliverable', () => {
    expect(first.rendered.scale).toBe(2);
    expect(first.png.width).toBeGreaterThan(800);
    expect(first.png.width).toBeLessThan(1400);
    expect(first.png.height).toBeGreaterThan(first.picture.drawing.bars.length * 80);
    const indicators = bot.plans.activeOn(TODAY).deliverables.flatMap((d) => d.indicators);
    expect(first.picture.drawing.bars).toHaveLength(indicators.length);
  });

  it('shows the figures of `deliverables`, each bar’s standing in words as well as in colour', () => {
    const figures = Object.fromEntries(first.picture.drawing.bars.map((b) => [b.label, `${b.figure} · ${b.standing}`]));
    expect(figures).toMatchObject({
      'Bilateral outreach meetings': '2 of 10 · in progress',
      'New State Party or announcement': '1 of 1 · met',
      'States Parties engaged': '0 · no target',
    });
    const shown = bot.say('deliverables').progress!;
    expect(shown.find((p) => p.label === 'Bilateral outreach meetings')).toMatchObject({ current: 2, target: 10 });
    expect(first.picture.alt).toContain('Bilateral outreach meetings: 2 of 10, in progress');
  });

  it('fills a met bar with the colour of met, and an unmet one with its standing’s colour up to its share', () => {
    expect(colourAt(first.png, ...first.at('New State Party or announcement', 0.5))).toBe(STANDING_COLOURS.met);
    expect(colourAt(first.png, ...first.at('New State Party or announcement', 0.98))).toBe(STANDING_COLOURS.met);
    // 2 of 10: the first fifth is coloured, the rest is the empty track.
    expect(colourAt(first.png, ...first.at('Bilateral outreach meetings', 0.1))).toBe(STANDING_COLOURS['in progress']);
    expect(colourAt(first.png, ...first.at('Bilateral outreach meetings', 0.25))).toBe(TRACK_COLOUR);
    expect(colourAt(first.png, ...first.at('Bilateral outreach meetings', 0.9))).toBe(TRACK_COLOUR);
  });

  it('is drawn smaller to fit a platform’s limits in pixels and bytes', async () => {
    const fitted = await renderPicture(first.picture, { maxWidth: 1024, maxHeight: 1024, maxBytes: 40_000 });
    expect(fitted.png.length).toBeLessThanOrEqual(40_000);
    expect(fitted.width).toBeLessThan(1024 * 0.9);
    expect(PNG.sync.read(fitted.png).height).toBeLessThanOrEqual(1024);
  });

  it('changes when a deliverable changes', async () => {
    bot.say('meeting Viet Nam held in geneva');
    try {
      const after = await chart();
      expect(after.rendered.png.equals(first.rendered.png)).toBe(false);
      expect(after.picture.drawing.bars.find((b) => b.label === 'Bilateral outreach meetings')?.figure).toBe('3 of 10');
      expect(colourAt(after.png, ...after.at('Bilateral outreach meetings', 0.25))).toBe(STANDING_COLOURS['in progress']);
    } finally {
      bot.say('undo');
    }
  });
});

describe('the world map', () => {
  const maps = new Map<MapVariant, { rendered: RenderedPicture; png: PNG }>();
  /** Where a country's projected centroid (its largest shape's) lands in the PNG. */
  let centroid: (name: string, rendered: RenderedPicture) => readonly [number, number];

  beforeAll(async () => {
    bot.say('target add Kenya lead Norway');
    for (const variant of ['status-only', 'with-targets'] as const) {
      const rendered = await renderPicture(worldMapPicture(context(), variant));
      maps.set(variant, { rendered, png: decode(rendered) });
    }
    const { projection, countries } = await worldGeometry();
    const path = geoPath(projection);
    centroid = (name, rendered) => {
      const [x, y] = path.centroid(countries.find((c) => c.properties.name === name)!);
      return [x * rendered.scale, y * rendered.scale];
    };
  });

  it('is a PNG twice the drawing’s size, wide enough to zoom into', () => {
    const { png } = maps.get('status-only')!;
    expect(png.width).toBe(1920);
    expect(png.height).toBeGreaterThan(1100);
    expect(png.height).toBeLessThan(1800);
  });

  it('colours each state by its CCM status on the day: a party, a signatory and a non-signatory', () => {
    const { rendered, png } = maps.get('status-only')!;
    expect(colourAt(png, ...centroid('Australia', rendered))).toBe(STATUS_COLOURS.party);
    expect(colourAt(png, ...centroid('Germany', rendered))).toBe(STATUS_COLOURS.party);
    expect(colourAt(png, ...centroid('Brazil', rendered))).toBe(STATUS_COLOURS['not signatory']);
    expect(colourAt(png, ...centroid('China', rendered))).toBe(STATUS_COLOURS['not signatory']);
    expect(colourAt(png, ...centroid('Kenya', rendered))).toBe(STATUS_COLOURS.signatory);
  });

  it('marks the top-15 states only on the group’s map, never on the public status map', () => {
    const group = maps.get('with-targets')!;
    const open = maps.get('status-only')!;
    // Kenya's number sits on its centroid, in a white disc (7.5 units across); beside the digit, the disc is white.
    const beside = (rendered: RenderedPicture) => {
      const [x, y] = centroid('Kenya', rendered);
      return [x + 4.5 * rendered.scale, y] as const;
    };
    expect(colourAt(group.png, ...beside(group.rendered))).toBe('#ffffff');
    expect(colourAt(open.png, ...beside(open.rendered))).toBe(STATUS_COLOURS.signatory);
    expect(colourAt(group.png, ...centroid('Australia', group.rendered))).toBe(STATUS_COLOURS.party);
    expect(worldMapPicture(context(), 'with-targets').drawing.targets).toEqual([{ isoNumeric: '404', name: 'Kenya', stage: 'meeting held' }]);
    expect(worldMapPicture(context(), 'status-only').drawing.targets).toBeUndefined();
    expect(worldMapPicture(context(), 'status-only').alt).not.toContain('Kenya');
  });

  it('is replaced in the terminal by the command that writes it', () => {
    const text = bot.sayText('map public');
    expect(text).toContain('World map: CCM status of every state');
    expect(text).toContain(`No picture can be shown here. On the machine that runs ccm-bot: \`ccm map --public --out ccm-status-map-${TODAY}.png\``);
  });

  it('names under the map the state its data has no shape for', () => {
    expect(maps.get('status-only')!.rendered.notDrawn).toEqual(['Tuvalu']);
  });
});

describe('the map as a Teams picture message', () => {
  const mapReply = () => ({ ...bot.say('help'), title: 'World map', picture: worldMapPicture(context(), 'status-only') });
  const requestBytes = (activity: unknown) => Buffer.byteLength(JSON.stringify(activity));
  const widthOf = (activity: Awaited<ReturnType<typeof drawTeamsPicture>>) =>
    PNG.sync.read(Buffer.from(activity.attachments[0].contentUrl.split(',')[1]!, 'base64')).width;

  it('fits its whole request under the limit by the scale it is drawn at', async () => {
    const full = await drawTeamsPicture(mapReply());
    expect(requestBytes(full)).toBeLessThanOrEqual(TEAMS_PICTURE_LIMITS.maxRequestBytes);
    const tighter = { ...TEAMS_PICTURE_LIMITS, maxRequestBytes: Math.floor(requestBytes(full) / 2) };
    const smaller = await drawTeamsPicture(mapReply(), tighter);
    expect(requestBytes(smaller)).toBeLessThanOrEqual(tighter.maxRequestBytes);
    expect(widthOf(smaller)).toBeLessThan(widthOf(full));
  });

  it('is refused when even its smallest drawing is over the limit', async () => {
    await expect(drawTeamsPicture(mapReply(), { ...TEAMS_PICTURE_LIMITS, maxRequestBytes: 6000 })).rejects.toThrow(/over the 6000-byte request/);
  });
});

describe('ccm chart and ccm map', () => {
  /** `ccm <subcommand> <args>` in-process, on the test bot and its clock: exit code, what it printed, and the bytes it wrote out. */
  async function ccm(subcommand: string, args: string[]) {
    const [out, err] = [collector(), collector()];
    const code = await onBot(bot, [subcommand, ...args], { out: out.stream, err: err.stream });
    return { code, out: out.bytes(), err: err.text() };
  }

  it('writes the chart as a PNG readable by its owner only, and as it stood on an earlier day with --at', async () => {
    const file = join(bot.dir, 'progress.png');
    const now = await ccm('chart', ['--out', file]);
    expect(now.code).toBe(0);
    expect(now.out.toString('utf8')).toMatch(/^Wrote the progress chart \(\d+ × \d+ pixels\) to .*progress\.png\.\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).equals((await renderPicture(progressChartPicture(context()))).png)).toBe(true);
    // Before any meeting was logged, every figure was 0: another picture, written to standard output.
    const before = await ccm('chart', ['--at', '2026-03-01']);
    expect(before.code).toBe(0);
    expect(PNG.sync.read(before.out).width).toBeGreaterThan(800);
    expect(before.out.equals(readFileSync(file))).toBe(false);
  });

  it('writes the status map with --public, naming the state it could not draw', async () => {
    const run = await ccm('map', ['--public', '--out', join(bot.dir, 'map.png')]);
    expect(run.out.toString('utf8')).toContain('Wrote the status map (1920 × ');
    expect(run.out.toString('utf8')).toContain('Not on the map (the map data has no shape for it), named under it: Tuvalu.');
  });

  it('refuses an option it does not know, or a plan that does not exist, before drawing anything', async () => {
    await expect(ccm('map', ['--plan', 'x'])).rejects.toThrow(UsageError);
    await expect(ccm('chart', ['--plan', 'no-such-plan'])).rejects.toThrow('no plan "no-such-plan"');
  });
});

describe('the docs', () => {
  it('show the committed chart and map, so a reader sees them without running anything', () => {
    const root = resolve(import.meta.dirname, '..');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('](docs/progress.png)');
    const using = readFileSync(join(root, 'docs/using.md'), 'utf8');
    for (const file of ['progress.png', 'map.png']) {
      expect(using).toContain(`](${file})`);
      const png = PNG.sync.read(readFileSync(join(root, 'docs', file)));
      expect(png.width).toBeGreaterThan(1000);
    }
  });
});

describe('start-up cost', () => {
  it('loads the drawing libraries only when a picture is first drawn (dynamic import), never at start-up', () => {
    const src = resolve(import.meta.dirname, '../src');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const heavy = /^import\s+(?!type\b)[^;]*from\s+['"](vega|vega-lite|@resvg\/resvg-js|d3-geo|topojson-client)['"]/m;
    expect(
      files(src)
        .filter((file) => heavy.test(readFileSync(file, 'utf8')))
        .map((file) => file.slice(src.length + 1)),
    ).toEqual([]);
  });
});
