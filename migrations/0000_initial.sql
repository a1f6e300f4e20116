CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`person_id` integer NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text,
	`command` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`undone_by` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_person` ON `audit` (`person_id`);--> statement-breakpoint
CREATE TABLE `barriers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`state_iso3` text NOT NULL,
	`category` text NOT NULL,
	`note` text,
	`person_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`state_iso3`) REFERENCES `states`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `barriers_state` ON `barriers` (`state_iso3`);--> statement-breakpoint
CREATE TABLE `deliverables` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`due_milestone_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`state_iso3` text NOT NULL,
	`occurred_on` text NOT NULL,
	`level` text,
	`note` text,
	`step` text,
	`due_on` text,
	`completed_on` text,
	`person_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text,
	`withdrawn_at` text,
	FOREIGN KEY (`state_iso3`) REFERENCES `states`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entries_state` ON `entries` (`state_iso3`);--> statement-breakpoint
CREATE INDEX `entries_person` ON `entries` (`person_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`window_from` text NOT NULL,
	`window_to` text NOT NULL,
	`planned_date` text,
	`set_date` text,
	`done_on` text
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`platform_user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_platform_user` ON `people` (`platform`,`platform_user_id`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`reply` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `states` (
	`iso3` text PRIMARY KEY NOT NULL,
	`iso2` text NOT NULL,
	`name` text NOT NULL,
	`ccm_status` text NOT NULL,
	`ccm_date` text,
	`apmbc` text NOT NULL,
	`crpd` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`address` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_one_active` ON `subscriptions` (`platform`,`channel_id`) WHERE removed_at IS NULL;--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`state_iso3` text NOT NULL,
	`lead` text,
	`added_by` integer NOT NULL,
	`added_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`state_iso3`) REFERENCES `states`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_one_active` ON `targets` (`state_iso3`) WHERE removed_at IS NULL;