/**
 * Pictures that come with a reply: the progress chart and the world map, as plain data.
 *
 * A command or a report says *what* to draw (the figures, the statuses); the renderer under
 * `src/render/pictures/` draws it, and the adapter that delivers the reply turns the drawing
 * into a PNG only when it sends it. So a command stays synchronous and cheap, the scheduler
 * never draws, and a platform that shows no pictures (the terminal) never loads the drawing
 * libraries at all: it shows `instead`.
 */

/** How a bar of the progress chart stands, shown by its colour and always by these words too. */
const STANDINGS = ['met', 'in progress', 'at risk', 'past due', 'no target'] as const;
export type Standing = (typeof STANDINGS)[number];

/** One figure of one deliverable: current against target. */
export interface ChartBar {
  /** The deliverable it belongs to. */
  group: string;
  /** The figure's label, e.g. "Bilateral outreach meetings". */
  label: string;
  current: number;
  /** Absent for a figure without a numeric target. */
  target?: number;
  /** "2 of 10", "1 of 1–2", or "7" without a target. */
  figure: string;
  standing: Standing;
}

export interface ProgressChart {
  kind: 'progress-chart';
  title: string;
  subtitle: string;
  bars: ChartBar[];
}

/** A state's CCM status on the map's day; `unknown` where the data cannot say (see domain/ccm.ts). */
const MAP_STATUSES = ['party', 'signatory', 'not signatory', 'withdrawn', 'unknown'] as const;
export type MapStatus = (typeof MAP_STATUSES)[number];

export interface MapState {
  /** ISO 3166-1 numeric code: the map data's key. */
  isoNumeric: string;
  name: string;
  status: MapStatus;
}

/** A state on the top-15 list: outlined on the map, its engagement stage in the legend. */
export interface MapTarget {
  isoNumeric: string;
  name: string;
  stage: string;
}

export interface WorldMap {
  kind: 'world-map';
  title: string;
  subtitle: string;
  /** Every state of the reference data. */
  states: MapState[];
  /**
   * The top-15 list, for the group's own eyes. Absent on the status map for public channels,
   * which shows public treaty data only.
   */
  targets?: MapTarget[];
  /** The heading of the list of `targets` under the map. */
  targetsTitle?: string;
  /** Where the statuses come from, printed under the map. */
  source: string;
}

export type Drawing = ProgressChart | WorldMap;

/**
 * A picture for a reply. Delivered as an image where the platform can show one; elsewhere the
 * reply shows `instead`, which says how to get it another way.
 */
export interface Picture {
  /** The PNG's file name as people receive it: `ccm-progress-2026-05-10.png`. */
  fileName: string;
  /** What the picture shows, in words: its alternative text and caption. */
  alt: string;
  /** The line shown where no picture can be delivered. */
  instead: string;
  drawing: Drawing;
}
