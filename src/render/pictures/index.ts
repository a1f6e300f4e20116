/**
 * A reply's picture (see core/picture.ts) as a PNG: the one entry point for adapters and
 * operator commands.
 *
 * Nothing heavy is loaded when this module is imported: Vega, d3-geo, the map data and resvg
 * are imported on the first picture, so a bot that never draws (or has not drawn yet) does not
 * pay for them at start-up. The last few pictures are kept, so a digest going to several
 * channels with the same figures is drawn once.
 */
import type { Drawing, Picture } from '../../core/picture.ts';
import { type Png, svgToPng } from './png.ts';

/** Pixels per drawing unit when nothing limits the size: sharp on high-density screens. */
const SCALE = 2;
/** Each further try at fitting `maxBytes` draws this much narrower. */
const SHRINK = 0.8;
const MAX_TRIES = 6;
const KEPT = 6;

export interface PictureLimits {
  /** At most this many pixels wide and high (e.g. Teams: 1024 × 1024). */
  maxWidth?: number;
  maxHeight?: number;
  /** At most this many bytes of PNG; drawn smaller until it fits. */
  maxBytes?: number;
}

export interface RenderedPicture extends Png {
  /** Pixels per drawing unit (chart or map units), to find a drawn thing in the PNG. */
  scale: number;
  /** Names of states the map could not draw (listed under it). */
  notDrawn: string[];
}

interface Svg {
  svg: string;
  width: number;
  height: number;
  notDrawn: string[];
}

async function draw(drawing: Drawing): Promise<Svg> {
  if (drawing.kind === 'progress-chart') {
    const { drawProgressChart } = await import('./chart.ts');
    return { ...(await drawProgressChart(drawing)), notDrawn: [] };
  }
  const { drawWorldMap } = await import('./map.ts');
  const map = await drawWorldMap(drawing);
  return { ...map, notDrawn: map.notDrawn.map((s) => s.name) };
}

const kept = new Map<string, Promise<RenderedPicture>>();

/** The picture as a PNG, at twice its drawing's size unless `limits` ask for less. */
export function renderPicture(picture: Picture, limits: PictureLimits = {}): Promise<RenderedPicture> {
  const key = JSON.stringify([picture.drawing, limits]);
  let rendered = kept.get(key);
  if (!rendered) {
    rendered = render(picture.drawing, limits);
    kept.set(key, rendered);
    // A failed drawing is not kept: the next try draws again.
    rendered.catch(() => kept.delete(key));
    if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  }
  return rendered;
}

async function render(drawing: Drawing, limits: PictureLimits): Promise<RenderedPicture> {
  const svg = await draw(drawing);
  let width = Math.min(svg.width * SCALE, limits.maxWidth ?? Infinity, (limits.maxHeight ?? Infinity) * (svg.width / svg.height));
  for (let tries = 1; ; tries++) {
    const png = await svgToPng(svg.svg, Math.floor(width));
    if (limits.maxBytes === undefined || png.png.length <= limits.maxBytes || tries === MAX_TRIES) {
      return { ...png, scale: png.width / svg.width, notDrawn: svg.notDrawn };
    }
    width *= SHRINK;
  }
}
