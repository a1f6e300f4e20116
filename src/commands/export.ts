import { defineCommand } from '../core/command.ts';
import { fail, parseClauses, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { exportCsv, exportFileName, exportRows } from '../reports/log-export.ts';

export const exportLog = defineCommand<{ since: string | undefined }>({
  name: 'export',
  usage: 'export [since <date>]',
  summary: 'The whole follow-up log as a CSV file, sent to you alone: one row per entry, withdrawn entries marked.',
  examples: ['export', 'export since 2026-01-01'],
  writes: false,
  role: 'admin',
  parse(rest, ctx) {
    const clauses = parseClauses(words(rest), { since: { arg: 'since', kind: 'past-date' } }, ctx);
    if (!clauses.ok) return clauses;
    if (clauses.args.lead.length > 0) {
      return fail(
        errorReply('bad-syntax', '`export` takes at most `since <date>`.', {
          lines: ['It sends the whole log; `export since <date>` the entries from that day on.'],
        }),
      );
    }
    return { ok: true, args: { since: clauses.args.values.since } };
  },
  run({ since }, ctx) {
    const rows = exportRows(ctx, since);
    const withdrawn = rows.filter((r) => r.withdrawn).length;
    const fileName = exportFileName(ctx.today, since, 'csv');
    return reply({
      tone: 'success',
      title: `Export of the follow-up log: ${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}${since ? ` since ${formatDate(since)}` : ''}`,
      lines: [
        `One row per entry${withdrawn > 0 ? `, ${withdrawn} withdrawn (marked, not dropped)` : ''}. The file names states and members: keep it within the group.`,
      ],
      attachment: {
        fileName,
        mediaType: 'text/csv',
        content: exportCsv(rows),
        // Where no file can be handed over (the terminal, some platforms), the operator's command that writes it.
        instead: `No file can be sent here. On the machine that runs ccm-bot: \`${ctx.operatorCommand('export', `${since ? `--since ${since} ` : ''}--out ${fileName}`)}\``,
      },
    });
  },
});
