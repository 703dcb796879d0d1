CREATE TABLE `sync_pending_clients` (
	`office_id` text NOT NULL,
	`run_id` text NOT NULL,
	`page` integer NOT NULL,
	`part` integer NOT NULL,
	`records` text NOT NULL,
	`names` text NOT NULL,
	PRIMARY KEY(`office_id`, `run_id`, `page`, `part`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `sync_state` ADD `run_users` text;