CREATE TABLE `echoes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `echoes_one_active` ON `echoes` (`platform`,`channel_id`) WHERE removed_at IS NULL;