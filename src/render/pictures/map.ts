/**
 * The world map: every state filled with its CCM status, drawn with d3-geo from Natural Earth's
 * 1:50m countries (world-atlas `countries-50m.json`, keyed by ISO 3166-1 numeric codes), so
 * that small island states have a shape; those too small to see get a dot of their colour.
 *
 * With the top-15 list (the group's map), listed states are outlined and numbered, and the
 * legend gives each one's engagement stage. The public map draws no outline and no number.
 * A state the map data has no shape for is named under the map, never left out silently.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoProjection } from 'd3-geo';
import type { Topology } from 'topojson-specification';
import type { MapState, MapStatus, WorldMap } from '../../core/picture.ts';
import { FONT_FAMILY } from './png.ts';
import { textWidth } from './text-width.ts';

export const STATUS_COLOURS: Record<MapStatus, string> = {
  party: '#2166ac',
  signatory: '#92c5de',
  'not signatory': '#c9c9c9',
  withdrawn: '#d6604d',
  unknown: '#a6761d',
};
const STATUS_WORDS: Record<MapStatus, string> = {
  party: 'Party',
  signatory: 'Signatory',
  'not signatory': 'Not a signatory',
  withdrawn: 'Withdrawn',
  unknown: 'Status not known on that day',
};
/** Land that is no state of the data (territories, disputed areas). */
const OTHER_LAND = '#ececec';
const OUTLINE = '#111111';
const TEXT = '#1f2328';
const SUBTLE = '#57606a';

/** Map units (SVG user units); the PNG has more pixels per unit (see `renderPicture`). */
const MAP_WIDTH = 960;
const MARGIN = 16;
const MAP_TOP = 76;
/** A shape smaller than this (map units, squared) is also marked with a dot. */
const TINY_AREA = 4;
const ANTARCTICA = '010';

type Country = Feature<Geometry, { name: string }> & { id?: string };

export interface WorldGeometry {
  projection: GeoProjection;
  countries: Country[];
  /** The map's height in map units. */
  height: number;
}

let geometry: Promise<WorldGeometry> | undefined;

/**
 * The countries and the projection every map uses: Equal Earth, fitted to the map's width
 * without Antarctica. Loaded on first use (d3-geo, topojson-client and the 750 KB topology).
 */
export function worldGeometry(): Promise<WorldGeometry> {
  geometry ??= (async () => {
    const [{ geoEqualEarth, geoPath }, { feature }] = await Promise.all([import('d3-geo'), import('topojson-client')]);
    const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
    const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology;
    const all = feature(topology, topology.objects.countries!) as FeatureCollection<Geometry, { name: string }>;
    const countries = (all.features as Country[]).filter((c) => c.id !== ANTARCTICA);
    const land: FeatureCollection = { type: 'FeatureCollection', features: countries };
    const projection = geoEqualEarth().fitWidth(MAP_WIDTH - 2 * MARGIN, land);
    const [[x0, y0], [, y1]] = geoPath(projection).bounds(land);
    const [tx, ty] = projection.translate();
    projection.translate([tx + MARGIN - x0, ty + MAP_TOP - y0]);
    return { projection, countries, height: y1 - y0 };
  })();
  return geometry;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Breaks text into lines no wider than `width` at `size`. */
function wrap(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function textAt(x: number, y: number, content: string, style: { size: number; bold?: boolean; colour?: string; anchor?: 'middle' }): string {
  const weight = style.bold ? ' font-weight="bold"' : '';
  const anchor = style.anchor ? ` text-anchor="${style.anchor}"` : '';
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT_FAMILY}" font-size="${style.size}" fill="${style.colour ?? TEXT}"${weight}${anchor}>${escapeXml(content)}</text>`;
}

export interface DrawnMap {
  svg: string;
  width: number;
  height: number;
  /** States of the data the map has no shape for, named under the map. */
  notDrawn: MapState[];
}

/** Draws the map as SVG. */
export async function drawWorldMap(map: WorldMap): Promise<DrawnMap> {
  const { geoPath } = await import('d3-geo');
  const { projection, countries, height: mapHeight } = await worldGeometry();
  const path = geoPath(projection);
  const byCode = new Map(map.states.map((s) => [s.isoNumeric, s]));
  // A code may have several shapes (Australia and its Ashmore and Cartier Islands): a state is all of them.
  const shapes = new Map<string, Country[]>();
  for (const c of countries) if (c.id !== undefined) shapes.set(c.id, [...(shapes.get(c.id) ?? []), c]);
  const notDrawn = map.states.filter((s) => !shapes.has(s.isoNumeric));
  const round = (d: string | null) => (d ?? '').replace(/\d+\.\d+/g, (n) => Number(n).toFixed(1));

  const fills: string[] = [];
  const dots: string[] = [];
  for (const country of countries) {
    const state = country.id === undefined ? undefined : byCode.get(country.id);
    const colour = state ? STATUS_COLOURS[state.status] : OTHER_LAND;
    fills.push(`<path d="${round(path(country))}" fill="${colour}"/>`);
    // A dot for a state too small to see whole, not for the islands of a larger one.
    if (state && (shapes.get(state.isoNumeric) ?? []).reduce((sum, part) => sum + path.area(part), 0) < TINY_AREA) {
      const [x, y] = path.centroid(country);
      dots.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.6" fill="${colour}" stroke="#444444" stroke-width="0.5"/>`);
    }
  }

  const out: string[] = [];
  out.push(textAt(MARGIN, 34, map.title, { size: 20, bold: true }));
  out.push(textAt(MARGIN, 56, map.subtitle, { size: 13, colour: SUBTLE }));
  out.push(`<g stroke="#ffffff" stroke-width="0.35" stroke-linejoin="round">${fills.join('')}</g>`, ...dots);

  const targets = map.targets ?? [];
  targets.forEach((target, i) => {
    const parts = shapes.get(target.isoNumeric) ?? [];
    if (parts.length === 0) return;
    for (const part of parts) out.push(`<path d="${round(path(part))}" fill="none" stroke="${OUTLINE}" stroke-width="1.6" stroke-linejoin="round"/>`);
    // The number goes on the largest shape: the mainland, not an outlying island.
    const [x, y] = path.centroid(parts.reduce((a, b) => (path.area(b) > path.area(a) ? b : a)));
    out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="7.5" fill="#ffffff" stroke="${OUTLINE}" stroke-width="1"/>`);
    out.push(textAt(x, y + 3.2, String(i + 1), { size: 9, bold: true, anchor: 'middle' }));
  });

  // The legend: each status in words and colour, with how many states have it.
  let y = MAP_TOP + mapHeight + 26;
  let x = MARGIN;
  const entries = (Object.keys(STATUS_COLOURS) as MapStatus[])
    .map((status) => ({
      colour: STATUS_COLOURS[status],
      words: `${STATUS_WORDS[status]} (${map.states.filter((s) => s.status === status).length})`,
      shown: map.states.some((s) => s.status === status),
    }))
    .filter((e) => e.shown)
    .concat([{ colour: OTHER_LAND, words: 'Not a state in the data', shown: true }]);
  for (const entry of entries) {
    out.push(`<rect x="${x}" y="${y - 11}" width="13" height="13" fill="${entry.colour}" stroke="#8c959f" stroke-width="0.5"/>`);
    out.push(textAt(x + 19, y, entry.words, { size: 13 }));
    x += 19 + textWidth(entry.words, 13) + 22;
  }

  if (map.targets) {
    y += 32;
    out.push(textAt(MARGIN, y, map.targetsTitle ?? '', { size: 13, bold: true }));
    const columnWidth = (MAP_WIDTH - 2 * MARGIN) / 3;
    const rows = Math.ceil(targets.length / 3);
    targets.forEach((target, i) => {
      const column = Math.floor(i / rows);
      const row = i % rows;
      out.push(textAt(MARGIN + column * columnWidth, y + 22 + row * 19, `${i + 1}  ${target.name}: ${target.stage}`, { size: 12 }));
    });
    y += 22 + Math.max(0, rows - 1) * 19;
  }

  const notes = [
    ...(notDrawn.length > 0
      ? [
          {
            text: `Not on the map (the map data has no shape for it): ${notDrawn.map((s) => `${s.name} (${STATUS_WORDS[s.status].toLowerCase()})`).join(', ')}.`,
            colour: TEXT,
          },
        ]
      : []),
    { text: map.source, colour: SUBTLE },
    { text: 'Boundaries: Natural Earth (1:50m). The boundaries and names shown imply no position on the status of any territory.', colour: SUBTLE },
  ];
  y += 10;
  for (const note of notes) {
    for (const line of wrap(note.text, 12, MAP_WIDTH - 2 * MARGIN)) {
      y += 18;
      out.push(textAt(MARGIN, y, line, { size: 12, colour: note.colour }));
    }
  }
  const height = Math.ceil(y + MARGIN);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_WIDTH}" height="${height}" viewBox="0 0 ${MAP_WIDTH} ${height}"><rect width="${MAP_WIDTH}" height="${height}" fill="#ffffff"/>${out.join('')}</svg>`;
  return { svg, width: MAP_WIDTH, height, notDrawn };
}
