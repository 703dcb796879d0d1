CREATE TABLE `sync_task_links` (
	`office_id` text NOT NULL,
	`run_id` text NOT NULL,
	`relation_uid` text NOT NULL,
	`template_name` text NOT NULL,
	PRIMARY KEY(`office_id`, `run_id`, `relation_uid`, `template_name`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `connections` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `task_pages` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `task_next_page` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `task_page_count` integer;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `task_total_rows` integer;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `task_total_stable` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `tasks_scanned` integer DEFAULT false NOT NULL;