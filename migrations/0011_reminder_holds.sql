CREATE TABLE `holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`person_id` integer NOT NULL,
	`entry_id` integer,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `holds_kind` ON `holds` (`kind`);--> statement-breakpoint
ALTER TABLE `posts` ADD `held_from` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `held_by` integer;