DROP INDEX `clients_office_enterprise_idx`;--> statement-breakpoint
CREATE INDEX `clients_office_enterprise_idx` ON `clients` (`office_id`,`enterprise_number`,`id`);