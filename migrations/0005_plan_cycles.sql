-- Plan cycles: milestones, deliverables, the top-15 list and scheduled posts belong to a plan.
-- Before this migration only one plan was ever followed, in practice the shipped 2025–2026
-- plan, so existing rows are given its id; the audit trail's references to milestones and
-- the ledger's occurrences follow, so undo and exactly-once posting keep working.
DROP INDEX `targets_one_active`;--> statement-breakpoint
ALTER TABLE `targets` ADD `plan_id` text NOT NULL DEFAULT 'ccm-universalization-2025-2026';--> statement-breakpoint
CREATE UNIQUE INDEX `targets_one_active` ON `targets` (`plan_id`,`state_iso3`) WHERE removed_at IS NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_deliverables` (
	`key` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`due_milestone_id` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_deliverables`("key", "plan_id", "id", "title", "due_milestone_id") SELECT 'ccm-universalization-2025-2026/' || "id", 'ccm-universalization-2025-2026', "id", "title", "due_milestone_id" FROM `deliverables`;--> statement-breakpoint
DROP TABLE `deliverables`;--> statement-breakpoint
ALTER TABLE `__new_deliverables` RENAME TO `deliverables`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_milestones` (
	`key` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`window_from` text NOT NULL,
	`window_to` text NOT NULL,
	`planned_date` text,
	`set_date` text,
	`done_on` text
);
--> statement-breakpoint
INSERT INTO `__new_milestones`("key", "plan_id", "id", "title", "kind", "window_from", "window_to", "planned_date", "set_date", "done_on") SELECT 'ccm-universalization-2025-2026/' || "id", 'ccm-universalization-2025-2026', "id", "title", "kind", "window_from", "window_to", "planned_date", "set_date", "done_on" FROM `milestones`;--> statement-breakpoint
DROP TABLE `milestones`;--> statement-breakpoint
ALTER TABLE `__new_milestones` RENAME TO `milestones`;--> statement-breakpoint
UPDATE `audit` SET `entity_id` = 'ccm-universalization-2025-2026/' || `entity_id` WHERE `entity` = 'milestones';--> statement-breakpoint
UPDATE `posts` SET `occurrence` = 'ccm-universalization-2025-2026/' || `occurrence` WHERE `rule` <> 'nudge';
