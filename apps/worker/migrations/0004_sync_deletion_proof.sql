ALTER TABLE `clients` ADD `source_problems` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `clients` ADD `not_found_upstream_at` integer;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `deletions_held` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `problem_counts` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `seen_rows` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `scan_problem` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `page_failures` integer DEFAULT 0 NOT NULL;