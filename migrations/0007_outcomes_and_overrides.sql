CREATE TABLE `state_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`state_iso3` text NOT NULL,
	`column` text NOT NULL,
	`value` text NOT NULL,
	`ccm_date` text,
	`as_of` text NOT NULL,
	`source` text,
	`file` text NOT NULL,
	`line` integer NOT NULL,
	`person_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`state_iso3`) REFERENCES `states`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `state_overrides_state` ON `state_overrides` (`state_iso3`);--> statement-breakpoint
ALTER TABLE `audit` ADD `batch` integer;