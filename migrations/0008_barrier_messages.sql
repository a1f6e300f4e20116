-- Barrier messages, and one current barrier per state and category.
-- Before this migration, recording a category a state already held added a second row
-- (`barrier Kenya priority`, then `barrier Kenya bandwidth`). Such duplicates are merged before
-- the unique index is built: the newest row with a note stays (the newest row if none has one),
-- the others are withdrawn, never deleted, each with an audit row attributed to ccm-bot itself
-- (a `system` person), so the change is on record and no member's `undo` steps into it.
CREATE TABLE `barrier_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category` text NOT NULL,
	`message` text NOT NULL,
	`person_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `barrier_messages_one_current` ON `barrier_messages` (`category`) WHERE withdrawn_at IS NULL;--> statement-breakpoint
CREATE TEMP TABLE `merged_barriers` AS SELECT `id`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS `at` FROM (
	SELECT `id`, row_number() OVER (PARTITION BY `state_iso3`, `category` ORDER BY `note` IS NOT NULL DESC, `id` DESC) AS `rank`
	FROM `barriers` WHERE `withdrawn_at` IS NULL
) WHERE `rank` > 1;--> statement-breakpoint
INSERT INTO `people` (`platform`, `platform_user_id`, `display_name`, `created_at`)
	SELECT 'system', 'migration', 'ccm-bot (database upgrade)', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
	WHERE EXISTS (SELECT 1 FROM `merged_barriers`)
	AND NOT EXISTS (SELECT 1 FROM `people` WHERE `platform` = 'system' AND `platform_user_id` = 'migration');--> statement-breakpoint
INSERT INTO `audit` (`at`, `person_id`, `platform`, `channel_id`, `command`, `action`, `entity`, `entity_id`, `before`, `after`)
	SELECT m.`at`, (SELECT `id` FROM `people` WHERE `platform` = 'system' AND `platform_user_id` = 'migration'), 'system', NULL,
		'migration 0008_barrier_messages', 'merge duplicate barrier', 'barriers', CAST(b.`id` AS TEXT),
		json_object('id', b.`id`, 'stateIso3', b.`state_iso3`, 'category', b.`category`, 'note', b.`note`, 'personId', b.`person_id`, 'createdAt', b.`created_at`, 'withdrawnAt', NULL),
		json_object('id', b.`id`, 'stateIso3', b.`state_iso3`, 'category', b.`category`, 'note', b.`note`, 'personId', b.`person_id`, 'createdAt', b.`created_at`, 'withdrawnAt', m.`at`)
	FROM `barriers` b JOIN `merged_barriers` m ON m.`id` = b.`id` ORDER BY b.`id`;--> statement-breakpoint
UPDATE `barriers` SET `withdrawn_at` = (SELECT m.`at` FROM `merged_barriers` m WHERE m.`id` = `barriers`.`id`)
	WHERE `id` IN (SELECT `id` FROM `merged_barriers`);--> statement-breakpoint
DROP TABLE `merged_barriers`;--> statement-breakpoint
CREATE UNIQUE INDEX `barriers_one_current` ON `barriers` (`state_iso3`,`category`) WHERE withdrawn_at IS NULL;