ALTER TABLE `sync_runs` ADD `errors` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `deletion_check_after` text;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `deletions_checked_at` integer;