CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`prefix` text NOT NULL,
	`secret_hash` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_uq` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE INDEX `api_keys_office_idx` ON `api_keys` (`office_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_key_id` text,
	`actor_name` text,
	`action` text NOT NULL,
	`target` text,
	`details` text NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_office_at_idx` ON `audit_events` (`office_id`,`at`,`id`);--> statement-breakpoint
CREATE TABLE `clients` (
	`office_id` text NOT NULL,
	`id` text NOT NULL,
	`adminpulse_id` text NOT NULL,
	`unique_identifier` text,
	`code` text,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`search_text` text NOT NULL,
	`enterprise_number` text,
	`national_number` text,
	`vat_number` text,
	`legal_form` text,
	`language` text,
	`email` text,
	`phone` text,
	`address` text,
	`general_meeting_date` text,
	`responsible_user_id` text,
	`responsible_user_name` text,
	`links` text NOT NULL,
	`task_templates` text NOT NULL,
	`content_hash` text NOT NULL,
	`change_seq` integer NOT NULL,
	`created_seq` integer NOT NULL,
	`last_seen_run` text,
	`refreshed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	PRIMARY KEY(`office_id`, `id`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clients_office_adminpulse_uq` ON `clients` (`office_id`,`adminpulse_id`);--> statement-breakpoint
CREATE INDEX `clients_office_enterprise_idx` ON `clients` (`office_id`,`enterprise_number`);--> statement-breakpoint
CREATE INDEX `clients_office_seq_idx` ON `clients` (`office_id`,`change_seq`);--> statement-breakpoint
CREATE INDEX `clients_office_name_idx` ON `clients` (`office_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `clients_office_seen_idx` ON `clients` (`office_id`,`last_seen_run`);--> statement-breakpoint
CREATE TABLE `connections` (
	`office_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`ciphertext` text NOT NULL,
	`iv` text NOT NULL,
	`key_id` text NOT NULL,
	`expires_at` integer,
	`status` text NOT NULL,
	`token_fingerprint` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `import_rows` (
	`office_id` text NOT NULL,
	`import_id` text NOT NULL,
	`idx` integer NOT NULL,
	`ref` text NOT NULL,
	`action` text NOT NULL,
	`client_id` text,
	`fields` text NOT NULL,
	`client` text,
	`issues` text NOT NULL,
	PRIMARY KEY(`office_id`, `import_id`, `idx`)
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`office_id` text NOT NULL,
	`id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`source` text NOT NULL,
	`created_by` text NOT NULL,
	`key_id` text NOT NULL,
	`status` text NOT NULL,
	`row_count` integer NOT NULL,
	`created` integer NOT NULL,
	`updated` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`rejected` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`office_id`, `id`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `imports_office_idem_uq` ON `imports` (`office_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `imports_office_created_idx` ON `imports` (`office_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `offices` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`change_seq` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_windows` (
	`token_fingerprint` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`used` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`kind` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`pages` integer DEFAULT 0 NOT NULL,
	`added` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sync_runs_office_idx` ON `sync_runs` (`office_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`office_id` text PRIMARY KEY NOT NULL,
	`run_id` text,
	`phase` text DEFAULT 'idle' NOT NULL,
	`next_page` integer DEFAULT 0 NOT NULL,
	`page_count` integer,
	`total_rows` integer,
	`total_stable` integer DEFAULT true NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`last_completed_at` integer,
	`last_full_at` integer,
	`last_light_at` integer,
	`last_total_rows` integer,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
