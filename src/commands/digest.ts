import { defineCommand } from '../core/command.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply } from '../core/reply.ts';
import { findByIdOrTitle } from '../domain/milestones.ts';
import { buildDigest, digestAsOneReply, digestMeeting } from '../reports/digest.ts';
import type { MilestoneRow } from '../store/store.ts';
import { cycleLines } from './cycle.ts';

export const digest = defineCommand<MilestoneRow>({
  name: 'digest',
  usage: 'digest [<working group meeting>]',
  summary: 'The progress digest for the next working group meeting (or the one named), shown only to you.',
  examples: ['digest', 'digest wg3'],
  writes: false,
  parse(rest, ctx) {
    const typed = words(rest).join(' ');
    if (typed === '') {
      const next = digestMeeting(ctx);
      if (!next) {
        return fail(
          errorReply('no-meeting', 'No working group meeting is left in this plan. Name one: `digest wg4`.', {
            lines: cycleLines(ctx, ctx.plan),
          }),
        );
      }
      return { ok: true, args: next };
    }
    const meetings = ctx.store.plans.milestones(ctx.plan.id).filter((m) => m.kind === 'working-group-meeting');
    const found = findByIdOrTitle(typed, meetings);
    if (!found.ok) {
      return fail(
        errorReply('unknown-milestone', `No working group meeting matches "${typed}".`, {
          suggestions: meetings.slice(0, 3).map((m) => ({ label: m.title, command: `digest ${m.id}` })),
        }),
      );
    }
    return { ok: true, args: found.milestone };
  },
  run(meeting, ctx) {
    const digest = digestAsOneReply(buildDigest(ctx, meeting, 'states'));
    const lines = cycleLines(ctx, ctx.plan);
    return lines.length > 0 ? { ...digest, lines: [...lines, ...(digest.lines ?? [])] } : digest;
  },
});
