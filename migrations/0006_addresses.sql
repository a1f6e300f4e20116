-- Addresses: where a platform posts to a person or a channel, stored as they arrive. Rows from
-- before were all Slack's (or the shell's, which has none): their addresses follow from the ids.
ALTER TABLE `people` ADD `address` text;--> statement-breakpoint
UPDATE `people` SET `address` = 'slack:personal:' || `platform_user_id` WHERE `platform` = 'slack';--> statement-breakpoint
UPDATE `subscriptions` SET `address` = 'slack:' || (CASE WHEN `channel_id` LIKE 'D%' THEN 'personal' ELSE 'channel' END) || ':' || `channel_id` WHERE `platform` = 'slack' AND `address` IS NULL;
