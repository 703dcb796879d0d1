CREATE TABLE `import_stage_parts` (
	`office_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`part` integer NOT NULL,
	`request_hash` text NOT NULL,
	`row_count` integer NOT NULL,
	`stored_bytes` integer NOT NULL,
	`counts` text NOT NULL,
	PRIMARY KEY(`office_id`, `stage_id`, `part`)
);
--> statement-breakpoint
CREATE TABLE `import_stage_rows` (
	`office_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`part` integer NOT NULL,
	`idx` integer NOT NULL,
	`ref` text NOT NULL,
	`action` text NOT NULL,
	`client_id` text,
	`fields` text NOT NULL,
	`client` text,
	`issues` text NOT NULL,
	`identity_key` text,
	PRIMARY KEY(`office_id`, `stage_id`, `part`, `idx`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_stage_rows_ref_uq` ON `import_stage_rows` (`office_id`,`stage_id`,`ref`);--> statement-breakpoint
CREATE TABLE `import_stages` (
	`office_id` text NOT NULL,
	`id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`source` text NOT NULL,
	`created_by` text NOT NULL,
	`key_id` text NOT NULL,
	`scope` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`office_id`, `id`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_stages_office_idem_uq` ON `import_stages` (`office_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `import_stages_expires_idx` ON `import_stages` (`expires_at`);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `actor_person` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `imports` ADD `withdrawn_by` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `withdraw_reason` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `withdraw_key` text;