import { aRole, isRole, personKey, ROLE_DUTIES, ROLES, type Role } from '../core/access.ts';
import { type CommandContext, defineCommand, type ParseResult } from '../core/command.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import type { PersonRow } from '../store/store.ts';
import { undoButton } from './undo.ts';

/** A person named by platform and user id (`<platform>:<user id>`): how to name someone who shares a name, or has not used the bot yet. */
const PLATFORM_ID = /^([a-z]+):(\S+)$/;

type Someone = { known: PersonRow } | { platform: string; userId: string };
type RoleArgs = { action: 'list' } | { action: 'set'; someone: Someone; role: Role };

const USAGE = `role [<person> ${ROLES.join('|')}]`;

export const role = defineCommand<RoleArgs>({
  name: 'role',
  aliases: ['roles'],
  usage: USAGE,
  summary: 'Who coordinates and who administers; admins give a person a role, named by @mention, by name or as <platform>:<user id>.',
  examples: ['role', 'role @Ana coordinator', 'role @Ben member'],
  writes: true,
  guard: (args) => (args.action === 'set' ? { role: 'admin', doing: 'give roles' } : undefined),
  parse(rest, ctx) {
    const tokens = words(rest);
    if (tokens.length === 0) return { ok: true, args: { action: 'list' } };
    const typedRole = tokens.at(-1)!.toLowerCase();
    if (tokens.length < 2 || !isRole(typedRole)) {
      return fail(
        errorReply('bad-syntax', `Write \`${USAGE}\`: the person, then their role.`, {
          lines: [`Roles: ${ROLES.map((r) => `${r} (${ROLE_DUTIES[r]})`).join('; ')}.`, 'Nothing was changed.'],
        }),
      );
    }
    const someone = findPerson(tokens.slice(0, -1).join(' '), typedRole, ctx);
    return someone.ok ? { ok: true, args: { action: 'set', someone: someone.args, role: typedRole } } : someone;
  },
  run(args, ctx) {
    if (args.action === 'list') return listRoles(ctx);
    const person =
      'known' in args.someone
        ? args.someone.known
        : ctx.store.people.meet({ platform: args.someone.platform, userId: args.someone.userId, displayName: args.someone.userId }, ctx.who.at);
    const current = ctx.roleOf(person);
    if (ctx.adminByConfiguration(person)) {
      return errorReply(
        'admin-by-configuration',
        `${person.displayName} is an admin by configuration (CCM_ADMINS, or the local shell's user); the operator changes that, not the role command.`,
        {
          lines: ['Nothing was changed.'],
        },
      );
    }
    if (current === args.role) return errorReply('unchanged', `${person.displayName} is already ${aRole(args.role)}.`, { lines: ['Nothing was changed.'] });
    if (current === 'admin' && !otherAdminRemains(person, ctx)) {
      return errorReply('last-admin', `${person.displayName} is the only admin: the group would have nobody left to give roles.`, {
        lines: ['Make someone else an admin first. Nothing was changed.'],
      });
    }
    const stored = ctx.store.people.role(person.id);
    const { changeId } = stored
      ? ctx.store.changes.update('roles', stored.id, { role: args.role }, ctx.who, 'set role')
      : ctx.store.changes.create('roles', { personId: person.id, role: args.role, createdAt: ctx.who.at }, ctx.who, 'set role');
    return reply({
      tone: 'success',
      title: `${person.displayName} is now ${aRole(args.role)}`,
      lines: [`As ${aRole(args.role)}, they ${ROLE_DUTIES[args.role]}. Before, they were ${aRole(current)}.`],
      actions: [undoButton(changeId)],
    });
  },
});

/** The person a `role` command names: by platform id, or by the name the platform shows (an @mention arrives as @Name). */
function findPerson(typed: string, typedRole: Role, ctx: CommandContext): ParseResult<Someone> {
  const byId = PLATFORM_ID.exec(typed);
  if (byId) {
    const [, platform, userId] = byId as unknown as [string, string, string];
    const known = ctx.store.people.known(platform, userId);
    return { ok: true, args: known ? { known } : { platform, userId } };
  }
  const name = typed.replace(/^@/, '').trim().toLowerCase();
  const people = ctx.store.people.all();
  const exact = people.filter((p) => p.displayName.toLowerCase() === name);
  if (exact.length === 1) return { ok: true, args: { known: exact[0]! } };
  const candidates = exact.length > 1 ? exact : people.filter((p) => p.displayName.toLowerCase().includes(name)).slice(0, 3);
  const suggestions = candidates.map((p) => ({
    label: `${p.displayName} (${p.platform})`,
    command: `role ${personKey(p.platform, p.platformUserId)} ${typedRole}`,
  }));
  if (exact.length > 1) {
    return fail(errorReply('ambiguous-person', `More than one person is called "${typed}". Which one?`, { suggestions, lines: ['Nothing was changed.'] }));
  }
  return fail(
    errorReply('unknown-person', `Nobody called "${typed}" has used ccm-bot yet.`, {
      lines: [
        'A person appears here after their first command (e.g. `help`). Or name them by platform and user id, as `role <platform>:<user id> coordinator`.',
        'Nothing was changed.',
      ],
      suggestions,
    }),
  );
}

function otherAdminRemains(person: PersonRow, ctx: CommandContext): boolean {
  return ctx.store.people.all().some((p) => p.id !== person.id && ctx.roleOf(p) === 'admin');
}

function listRoles(ctx: CommandContext) {
  const holders = ctx.store.people
    .all()
    .map((p) => ({ person: p, role: ctx.roleOf(p) }))
    .filter((h) => h.role !== 'member');
  const section = (r: Role) => ({
    heading: r === 'admin' ? 'Admins' : 'Coordinators',
    items: holders
      .filter((h) => h.role === r)
      .map((h) => ({
        text: h.person.displayName,
        detail: `${personKey(h.person.platform, h.person.platformUserId)}${ctx.adminByConfiguration(h.person) ? ' · by configuration (CCM_ADMINS or the local shell)' : ''}`,
      })),
  });
  return reply({
    tone: 'info',
    title: 'Roles',
    lines: [
      `Everyone else is a member: they ${ROLE_DUTIES.member}. You are ${aRole(ctx.role)}.`,
      ...(ctx.role === 'admin' ? ['Give a role with `role @Name coordinator` (or `member`, `admin`).'] : []),
    ],
    sections: [section('admin'), section('coordinator')].filter((s) => s.items.length > 0),
  });
}
