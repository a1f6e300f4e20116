/**
 * The picture of the Teams "Log outreach" dialog in docs/using.md, drawn offline: the dialog's
 * card exactly as the bot sends it (the `form` command's form, through the Teams renderer), drawn
 * by the `adaptivecards` package's own HTML renderer in headless Chromium (Debian's `chromium`).
 * It is that renderer's look, not a screenshot of Teams: Teams draws the same card in its own style.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { teamsFormDialog } from '../src/adapters/teams/render-form.ts';
import type { Core } from '../src/core/dispatch.ts';
import type { FormModel } from '../src/core/form.ts';

const CHROMIUM = '/usr/bin/chromium';

/** The page that draws `card` with the package's renderer, in a dialog's width. */
function page(card: unknown, title: string): string {
  const require = createRequire(import.meta.url);
  const script = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #f0f0f0; font-family: 'DejaVu Sans', sans-serif; }
.dialog { width: 560px; margin: 16px; background: #fff; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.2); }
.dialog h1 { font-size: 16px; margin: 0; padding: 14px 16px 0; }
.ac-pushButton { border: 1px solid #c8c8c8; background: #fff; padding: 5px 10px; border-radius: 4px; }
.ac-pushButton.style-positive, .ac-pushButton.primary { background: #5b5fc7; color: #fff; border-color: #5b5fc7; }
.ac-input { border: 1px solid #c8c8c8; border-radius: 4px; padding: 5px; font-family: inherit; }
</style></head><body><div class="dialog"><h1>${title}</h1><div id="card"></div></div>
<script>${script.replaceAll('</script', '<\\/script')}</script><script>
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig({ fontFamily: "'DejaVu Sans', sans-serif", supportsInteractivity: true });
card.parse(${JSON.stringify(card)});
document.getElementById('card').appendChild(card.render());
</script></body></html>`;
}

/** Draws the dialog for `form` into `out` (a PNG); resolves to why not, or undefined once drawn. */
export function drawTeamsDialog(core: Core, form: FormModel, out: string, dir: string): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install chromium)`;
  const dialog = teamsFormDialog(form, core.stateChoices('', { every: true }), 'docs');
  const html = join(dir, 'teams-dialog.html');
  writeFileSync(html, page(dialog.task.value.card.content, dialog.task.value.title));
  const drawn = spawnSync(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--screenshot=${out}`, '--window-size=592,440', '--lang=en-GB', `file://${html}`],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return drawn.status === 0 && existsSync(out) ? undefined : `chromium failed: ${drawn.stderr.trim().split('\n').at(-1)}`;
}
