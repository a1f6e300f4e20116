/**
 * Who may use ccm-bot, and what each person may do.
 *
 * The log holds confidential notes of bilateral meetings, so two checks run before any command:
 * the organization a request comes from (a chat workspace or tenant) must be one the group
 * allows, and the person's role must allow the command. Both are decided here, the same on
 * every platform; adapters only say which organization a request came from.
 */
/** From least to most: members log and read; coordinators reshape the plan and the list; admins manage people and data. */
export const ROLES = ['member', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who holds a role or a higher one, as refusals name them: "Only coordinators and admins can …". */
export const ROLE_HOLDERS: Record<Role, string> = {
  member: 'members',
  coordinator: 'coordinators and admins',
  admin: 'admins',
};

/** What each role may do, as `role` and help say it. */
export const ROLE_DUTIES: Record<Role, string> = {
  member: 'log outreach and read everything',
  coordinator:
    "also set plan dates and completions, change the engagement list, barrier messages, joins, subscriptions and echoes, and complete or edit anyone's steps",
  admin: 'also give roles and export the log',
};

/** "a member", "a coordinator", "an admin". */
export function aRole(role: Role): string {
  return `${role === 'admin' ? 'an' : 'a'} ${role}`;
}

export function isRole(word: string): word is Role {
  return (ROLES as readonly string[]).includes(word);
}

/** Whether `role` includes everything `least` may do. */
export function allows(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least);
}

export interface AccessPolicy {
  /**
   * Per platform, the organizations (workspace or tenant ids) whose requests are served. A
   * platform absent here serves any organization (start-up warns about it).
   */
  organizations: Readonly<Partial<Record<string, ReadonlySet<string>>>>;
  /** People who are admins whatever the store says, as `platform:userId` (CCM_ADMINS and the local shell user). */
  admins: ReadonlySet<string>;
}

/** Serves everyone, and nobody is an admin by configuration: for tests and tools that build a core by hand. */
export const OPEN_ACCESS: AccessPolicy = { organizations: {}, admins: new Set() };

/** `slack:U123`: how a person is named in CCM_ADMINS and in `role slack:U123 admin`. */
export function personKey(platform: string, userId: string): string {
  return `${platform}:${userId}`;
}

/** Whether a request from this organization may be served at all. No organization (the local shell) is always served. */
export function admits(policy: AccessPolicy, actor: { platform: string; organization?: string }): boolean {
  const allowed = policy.organizations[actor.platform];
  if (!allowed) return true;
  return actor.organization !== undefined && allowed.has(actor.organization);
}

/** The role a person acts with: admin by configuration, else what `role` stored, else member. */
export function effectiveRole(policy: AccessPolicy, person: { platform: string; platformUserId: string }, stored: Role | undefined): Role {
  if (policy.admins.has(personKey(person.platform, person.platformUserId))) return 'admin';
  return stored ?? 'member';
}
