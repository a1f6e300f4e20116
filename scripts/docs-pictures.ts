/**
 * `npm run docs:pictures`: draws the pictures the docs show (README.md, docs/using.md), `docs/progress.png` and
 * `docs/map.png` (and the Teams dialog, `docs/teams-dialog.png`: see teams-dialog-picture.ts), the same way every time: a fresh database in a temporary folder, the shipped
 * plan and state data, a fixed day, and a short example log typed as the docs write commands.
 *
 * - The chart's figures come from that example log, and the chart says so under its title: they
 *   are no record of the group's work.
 * - The map is the public status map of the shipped treaty data: no top-15 list, which is the
 *   group's own choice and never goes into a public README.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SHELL_PLACE } from '../src/adapters/shell/shell.ts';
import { assemble } from '../src/bot.ts';
import { loadConfig } from '../src/config.ts';
import { logOutreachForm } from '../src/core/form.ts';
import { formatDate } from '../src/domain/dates.ts';
import { createLog } from '../src/log.ts';
import { renderPicture } from '../src/render/pictures/index.ts';
import { progressChartPicture, worldMapPicture } from '../src/reports/pictures.ts';
import type { ReportContext } from '../src/reports/progress.ts';
import { drawTeamsDialog } from './teams-dialog-picture.ts';

/** The day the pictures show: mid-cycle, with figures met, in progress, at risk and past due. */
const AS_OF = '2026-06-10';

/** The example log: commands as the docs write them, with dates inside the cycle. */
const EXAMPLE_LOG = [
  'contacted Viet Nam on 2026-01-15 via capital — raised at bilateral consultations',
  'contacted Angola on 2026-01-20 via geneva',
  'meeting Lao PDR held on 2026-02-10 in capital',
  'meeting Kenya held on 2026-02-24 in capital',
  'workshop ASEAN on 2026-03-04 with Myanmar, Thailand, Viet Nam — accession pathway through Lao PDR',
  'meeting Indonesia held on 2026-03-18 in geneva',
  'meeting Thailand held on 2026-04-22 in geneva',
  'meeting Viet Nam held on 2026-05-06 in capital',
  'milestone sp-steps-note done on 2026-03-05',
  'milestone sp-model-instrument done on 2026-03-12',
  'milestone sp-qa done on 2026-03-19',
  'milestone sp-model-legislation done on 2026-03-26',
  'milestone support-package done on 2026-03-30',
  'milestone framing-note done on 2026-04-15',
  'target add Kenya lead Norway',
  'target add Indonesia lead Costa Rica',
  'target add Viet Nam lead Norway',
  'target add Thailand lead Costa Rica',
  'target add Angola',
  'barrier Kenya bandwidth — elections until August',
];

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ccm-docs-'));
try {
  const bot = assemble(
    loadConfig({ CCM_DB_PATH: join(dir, 'ccm.sqlite'), CCM_PLAN: join(root, 'data/plans'), CCM_ADMINS: 'shell:docs' }),
    createLog('silent'),
    () => new Date(`${AS_OF}T10:00:00Z`),
  );
  try {
    for (const text of EXAMPLE_LOG) {
      const reply = bot.core.handle({ text, actor: { platform: 'shell', userId: 'docs', displayName: 'Example' }, place: SHELL_PLACE });
      if (reply.tone === 'error') throw new Error(`The example log's "${text}" was refused: ${reply.title}`);
    }
    const ctx: ReportContext = { store: bot.store, plan: bot.plans.activeOn(AS_OF), states: bot.states, today: AS_OF, timeZone: bot.config.timeZone };
    const chart = progressChartPicture(ctx);
    chart.drawing.subtitle = `${chart.drawing.subtitle} · figures of an example log, not the group's record`;
    const map = worldMapPicture(ctx, 'status-only');
    mkdirSync(join(root, 'docs'), { recursive: true });
    for (const [file, picture] of [
      ['docs/progress.png', chart],
      ['docs/map.png', map],
    ] as const) {
      const rendered = await renderPicture(picture);
      writeFileSync(join(root, file), rendered.png);
      process.stdout.write(`Wrote ${file} (${rendered.width} × ${rendered.height} pixels, as of ${formatDate(AS_OF)}).\n`);
    }
    // The Teams dialog of the `form` command as it opens, a note written (the state list shows its hint).
    const opened = bot.core.handle({ text: 'form', actor: { platform: 'shell', userId: 'docs', displayName: 'Example' }, place: SHELL_PLACE }).form;
    if (!opened) throw new Error('The form command gave no form');
    const form = logOutreachForm({ ...opened.values, note: 'Briefed the Vice-Minister on the accession pathway.' });
    const whyNot = drawTeamsDialog(bot.core, form, join(root, 'docs/teams-dialog.png'), dir);
    process.stdout.write(
      whyNot ? `docs/teams-dialog.png not drawn: ${whyNot}.\n` : 'Wrote docs/teams-dialog.png (the Teams dialog, drawn by the adaptivecards renderer).\n',
    );
  } finally {
    bot.database.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
