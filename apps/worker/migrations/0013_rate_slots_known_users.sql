CREATE TABLE `rate_slots` (
	`token_fingerprint` text PRIMARY KEY NOT NULL,
	`next_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `write_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `users_read_at` integer;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `users_read_in_run` integer DEFAULT false NOT NULL;