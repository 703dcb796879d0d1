ALTER TABLE `imports` ADD `stored_bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `offices` ADD `feed_epoch` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `last_tick_at` integer;