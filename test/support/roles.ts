/**
 * The role matrix: one person per role and, for every command, a use of it and the least role
 * that may make it, as docs/using.md states the rule. test/roles.test.ts runs it through the core
 * as Slack hands commands over; test/roles-teams.test.ts through Teams' /api/messages.
 */
import type { Role } from '../../src/core/access.ts';

/** One person per role; #1 is a next step and #2 a meeting, both logged by Ben, a member outside the matrix. */
export const PEOPLE: Record<Role, { id: string; name: string }> = {
  member: { id: 'UMIA', name: 'Mia' },
  coordinator: { id: 'UCORY', name: 'Cory' },
  admin: { id: 'UADA', name: 'Ada' },
};

/** A use of each command, and the least role that may make it. */
export const MATRIX: [text: string, least: Role, channel?: string][] = [
  ['contacted Kenya', 'member'],
  ['meeting Lao PDR held', 'member'],
  ['next Viet Nam send the model instrument', 'member'],
  ['done #1', 'coordinator'],
  ['snooze #1 1 week', 'coordinator'],
  ['away until 2026-04-06', 'member'],
  ['state Kenya', 'member'],
  ['log', 'member'],
  ['home', 'member'],
  ['form', 'member'],
  ['history Kenya', 'member'],
  ['undo', 'member'],
  ['redo', 'member'],
  ['edit #2 on 2026-03-02', 'coordinator'],
  ['workshop ASEAN with Myanmar, Thailand — accession pathway', 'member'],
  ['interim Viet Nam voluntary Article 7 report', 'member'],
  ['announced Angola — Minister at the Conference on Disarmament', 'member'],
  ['joined Kenya on 2026-03-02 — UN depositary notification', 'coordinator'],
  ['targets', 'member'],
  ['target add Kenya lead Norway', 'coordinator'],
  ['suggest', 'member'],
  ['barrier Kenya priority', 'member'],
  ['barrier message legal — offer the model instrument', 'coordinator'],
  ['barriers', 'member'],
  ['map', 'member'],
  ['milestones', 'member'],
  ['milestone wg3', 'member'],
  ['milestone wg3 date 2026-05-12', 'coordinator'],
  ['deliverables', 'member'],
  ['deliverable bilateral-meetings', 'member'],
  ['digest', 'member'],
  ['report public', 'member'],
  ['map public', 'member'],
  ['export', 'admin'],
  // C9 is subscribed already: subscribing is tried in another channel.
  ['subscribe', 'coordinator', 'C10'],
  ['unsubscribe', 'coordinator'],
  ['subscriptions', 'member'],
  ['quiet', 'member'],
  ['quiet 2026-12-21 to 2027-01-04', 'coordinator'],
  ['echo on', 'coordinator'],
  ['default level capital', 'member'],
  ['role', 'member'],
  ['role @Ben coordinator', 'admin'],
  ['help', 'member'],
];
