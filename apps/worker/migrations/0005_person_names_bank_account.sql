ALTER TABLE `clients` ADD `first_name` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `last_name` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `iban` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `bic` text;