/**
 * The progress chart: one horizontal bar per figure of each deliverable, current against
 * target, drawn with Vega-Lite (compiled to Vega, rendered to SVG without a canvas).
 *
 * Every bar says how it stands twice: by its colour, and in words beside it ("2 of 10 · at
 * risk"), so the chart reads the same in black and white and for anyone who does not tell the
 * colours apart. The bar's length is the share of the target reached; a figure above its
 * target fills its bar and its words give the figure ("12 of 10").
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ChartBar, ProgressChart, Standing } from '../../core/picture.ts';
import { FONT_FAMILY } from './png.ts';
import { textWidth } from './text-width.ts';

/** The colours of the standings: distinct in hue and in lightness. */
export const STANDING_COLOURS: Record<Standing, string> = {
  met: '#1a7f37',
  'in progress': '#2f6fb0',
  'at risk': '#b35c00',
  'past due': '#c62828',
  'no target': '#8c8c8c',
};
/** The unfilled rest of a bar, up to its target. */
export const TRACK_COLOUR = '#e4e7eb';

/** Chart units (SVG user units); the PNG has more pixels per unit (see `renderPicture`). */
const BAR_WIDTH = 340;
const ROW_STEP = 46;
const BAR_HEIGHT = 14;
/** The bar sits below its label, in the lower part of its row. */
const BAR_OFFSET = 8;

/** Where one bar was drawn, in chart units: for tests and for anyone checking a picture. */
interface BarBox {
  label: string;
  standing: Standing;
  /** The coloured part (absent when the figure is 0 or has no target). */
  filled?: Box;
  /** The whole bar up to the target (absent without a target). */
  track?: Box;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Row {
  key: string;
  label: string;
  words: string;
  standing: Standing;
  share: number;
  measured: boolean;
}

function rowOf(bar: ChartBar, i: number): Row {
  const share = bar.target ? Math.min(1, bar.current / bar.target) : 0;
  const words = bar.target === undefined ? `${bar.figure} · no numeric target` : `${bar.figure} · ${bar.standing}`;
  return { key: String(i).padStart(3, '0'), label: bar.label, words, standing: bar.standing, share, measured: bar.target !== undefined };
}

/** The Vega-Lite specification of the chart. */
function chartSpec(chart: ProgressChart): TopLevelSpec {
  const rows = chart.bars.map(rowOf);
  const present = (Object.keys(STANDING_COLOURS) as Standing[]).filter((s) => rows.some((r) => r.standing === s));
  const x = { type: 'quantitative' as const, scale: { domain: [0, 1], nice: false, zero: true }, axis: null };
  const text = { type: 'text', font: FONT_FAMILY, fontSize: 13, color: '#1f2328' } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: chart.title,
      subtitle: chart.subtitle,
      anchor: 'start',
      font: FONT_FAMILY,
      fontSize: 17,
      subtitleFont: FONT_FAMILY,
      subtitleFontSize: 13,
      subtitleColor: '#57606a',
      offset: 14,
    },
    width: BAR_WIDTH,
    height: { step: ROW_STEP },
    background: 'white',
    padding: { left: 16, right: 16, top: 16, bottom: 16 },
    config: { view: { stroke: null }, font: FONT_FAMILY, legend: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY } },
    data: { values: rows },
    encoding: { y: { field: 'key', type: 'nominal', sort: null, axis: null, scale: { paddingInner: 0, paddingOuter: 0 } } },
    layer: [
      // The figure's label, above its bar; long labels may run past the bar, never past the picture.
      { name: 'label', mark: { ...text, align: 'left', baseline: 'bottom', dy: -2 }, encoding: { x: { ...x, datum: 0 }, text: { field: 'label' } } },
      {
        name: 'track',
        transform: [{ filter: 'datum.measured' }],
        mark: { type: 'bar', height: BAR_HEIGHT, yOffset: BAR_OFFSET, color: TRACK_COLOUR },
        encoding: { x: { ...x, datum: 0 }, x2: { datum: 1 } },
      },
      {
        name: 'filled',
        transform: [{ filter: 'datum.share > 0' }],
        mark: { type: 'bar', height: BAR_HEIGHT, yOffset: BAR_OFFSET },
        encoding: {
          x: { ...x, field: 'share' },
          x2: { datum: 0 },
          color: {
            field: 'standing',
            type: 'nominal',
            scale: { domain: present, range: present.map((s) => STANDING_COLOURS[s]) },
            legend: { title: null, orient: 'top', direction: 'horizontal', labelFontSize: 12, symbolType: 'square', offset: 6 },
          },
        },
      },
      // The figure and its standing in words: beside the bar, or in its place without a target.
      {
        transform: [{ filter: 'datum.measured' }],
        mark: { ...text, align: 'left', baseline: 'middle', dx: 8, dy: BAR_OFFSET },
        encoding: { x: { ...x, datum: 1 }, text: { field: 'words' } },
      },
      {
        transform: [{ filter: '!datum.measured' }],
        mark: { ...text, align: 'left', baseline: 'middle', dy: BAR_OFFSET, color: '#57606a' },
        encoding: { x: { ...x, datum: 0 }, text: { field: 'words' } },
      },
    ],
  };
}

interface SceneItem {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  datum?: Row;
  items?: SceneItem[];
  mark?: { name?: string };
  name?: string;
  marktype?: string;
}

/** Every item of the marks whose name starts with `prefix`, with its position in chart units. */
function itemsOf(root: SceneItem, prefix: string): { item: SceneItem; x: number; y: number }[] {
  const found: { item: SceneItem; x: number; y: number }[] = [];
  const walk = (node: SceneItem, ox: number, oy: number, inMark: boolean) => {
    const named = inMark || (node.marktype !== undefined && (node.name ?? '').startsWith(prefix));
    for (const child of node.items ?? []) {
      if (named && child.datum) found.push({ item: child, x: ox + (child.x ?? 0), y: oy + (child.y ?? 0) });
      // Groups offset their children.
      const isGroup = node.marktype === 'group';
      walk(child, isGroup ? ox + (child.x ?? 0) : ox, isGroup ? oy + (child.y ?? 0) : oy, named);
    }
  };
  walk(root, 0, 0, false);
  return found;
}

export interface DrawnChart {
  svg: string;
  /** The chart's size in chart units. */
  width: number;
  height: number;
  bars: BarBox[];
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}

/** Loads Vega and Vega-Lite on first use, with text measured as DejaVu Sans (see text-width.ts). */
async function loadVega() {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Vega's documented hook for measuring text without a canvas (vl-convert sets it too).
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const value = text ?? item.text;
    const line = Array.isArray(value) ? value.join(' ') : String(value ?? '');
    return textWidth(line, item.fontSize ?? 11, item.fontWeight === 'bold' || Number(item.fontWeight) >= 600);
  };
  return { vega, vegaLite };
}

/** Draws the chart as SVG, and says where each bar went (in chart units, from the top left). */
export async function drawProgressChart(chart: ProgressChart): Promise<DrawnChart> {
  const { vega, vegaLite } = await loadVega();
  const compiled = vegaLite.compile(chartSpec(chart)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  const root = (view.scenegraph() as unknown as { root: SceneItem }).root;
  // Mark positions are relative to the plot; the SVG moves the plot by the padding and the view's origin.
  const padding = view.padding() as { left: number; top: number };
  const [ox, oy] = [view.origin()[0] + padding.left, view.origin()[1] + padding.top];
  const boxes = (name: string) =>
    new Map(itemsOf(root, name).map(({ item, x, y }) => [item.datum!.key, { x: ox + x, y: oy + y, width: item.width ?? 0, height: item.height ?? 0 }]));
  const [tracks, filled] = [boxes('track'), boxes('filled')];
  const bars = chart.bars.map(rowOf).map((row) => ({ label: row.label, standing: row.standing, track: tracks.get(row.key), filled: filled.get(row.key) }));
  const [, width, height] = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg) ?? [];
  const size = { width: Number(width), height: Number(height) };
  view.finalize();
  return { svg, ...size, bars };
}
