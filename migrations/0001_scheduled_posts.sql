CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule` text NOT NULL,
	`occurrence` text NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`due_at` text NOT NULL,
	`event_ends_on` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`claimed_by` text,
	`claimed_at` text,
	`sent_at` text,
	`message_ref` text,
	`parent_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_once` ON `posts` (`rule`,`occurrence`,`platform`,`channel_id`);--> statement-breakpoint
CREATE INDEX `posts_status` ON `posts` (`status`);--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `naming` text DEFAULT 'states' NOT NULL;