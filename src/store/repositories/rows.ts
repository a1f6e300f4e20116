/**
 * The shapes of what the store reads and writes, shared by its repositories and their callers.
 */
import type * as schema from '../schema.ts';

export type EntryRow = typeof schema.entries.$inferSelect;
export type MilestoneRow = typeof schema.milestones.$inferSelect;
export type TargetRow = typeof schema.targets.$inferSelect;
export type BarrierRow = typeof schema.barriers.$inferSelect;
export type BarrierMessageRow = typeof schema.barrierMessages.$inferSelect;
export type AuditRow = typeof schema.audit.$inferSelect;
export type PersonRow = typeof schema.people.$inferSelect;
export type SubscriptionRow = typeof schema.subscriptions.$inferSelect;
export type EchoRow = typeof schema.echoes.$inferSelect;
export type PersonSettingsRow = typeof schema.personSettings.$inferSelect;
export type PersonRoleRow = typeof schema.personRoles.$inferSelect;
export type HoldRow = typeof schema.holds.$inferSelect;

/** Who is acting and where: every change records both. */
export interface Attribution {
  person: PersonRow;
  platform: string;
  channelId: string | null;
  command: string;
  at: string;
}
