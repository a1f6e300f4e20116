ALTER TABLE `subscriptions` ADD `gone_at` text;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `gone_failure` text;