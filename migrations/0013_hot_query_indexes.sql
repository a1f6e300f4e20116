DROP INDEX `entries_state`;--> statement-breakpoint
CREATE INDEX `entries_state_day` ON `entries` (`state_iso3`,`occurred_on`);--> statement-breakpoint
CREATE INDEX `entries_joins` ON `entries` (`occurred_on`) WHERE kind = 'joined' AND withdrawn_at IS NULL;--> statement-breakpoint
CREATE INDEX `entries_live_day` ON `entries` (`occurred_on`,`kind`,`state_iso3`,`level`) WHERE withdrawn_at IS NULL;--> statement-breakpoint
CREATE INDEX `entries_open_steps` ON `entries` (`due_on`) WHERE kind = 'next_step' AND completed_on IS NULL AND withdrawn_at IS NULL;--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit` (`entity`,`entity_id`);