/**
 * SVG to PNG with resvg (a Rust renderer shipped inside its npm package: no browser, no
 * native build), with a font that is the same on every machine.
 *
 * The font family is always named: resvg's "sans-serif" fell back to a serif face here. The
 * font files are DejaVu Sans from the `dejavu-fonts-ttf` package, installed with ccm-bot, so a
 * picture looks the same on a laptop, a server without fonts and in CI. Should that package be
 * missing, the system's DejaVu Sans is used, and failing that whatever sans-serif face the
 * system has: the picture still renders, with other letter shapes.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The one font family every picture names. */
export const FONT_FAMILY = 'DejaVu Sans';

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
const SYSTEM_FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/local/share/fonts'];

type FontSource = { kind: 'bundled' | 'system'; files: string[] } | { kind: 'any system font' };

let fonts: FontSource | undefined;

/** Where the pictures' font comes from on this machine (worked out once). */
function fontSource(): FontSource {
  if (fonts) return fonts;
  try {
    const require = createRequire(import.meta.url);
    const files = FONT_FILES.map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    if (files.every((file) => existsSync(file))) {
      fonts = { kind: 'bundled', files };
      return fonts;
    }
  } catch {
    // Not installed (a trimmed deployment): look for the system's copy below.
  }
  for (const dir of SYSTEM_FONT_DIRS) {
    const files = FONT_FILES.map((file) => `${dir}/${file}`);
    if (files.every((file) => existsSync(file))) {
      fonts = { kind: 'system', files };
      return fonts;
    }
  }
  fonts = { kind: 'any system font' };
  return fonts;
}

export interface Png {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * Renders an SVG to PNG at `width` pixels (the height follows the picture's proportions).
 * Only this function loads resvg, on first use.
 */
export async function svgToPng(svg: string, width: number): Promise<Png> {
  const { Resvg } = await import('@resvg/resvg-js');
  const source = fontSource();
  const font =
    source.kind === 'any system font'
      ? { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }
      : { loadSystemFonts: false, fontFiles: source.files, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY };
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: Math.round(width) }, font, background: 'white' }).render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height };
}
