-- Each client's resource JSON stored with it (issue 17, ADR 0030): `resource_json` is exactly the
-- text GET /v1/clients/{id} answers as `data` (src/db/queries/client-json.ts, the same expression),
-- a STORED generated column, so SQLite writes it with every insert and update of the row, whichever
-- path writes it: no write path can forget it. Null on a row of more than 280,000 bytes of text, so
-- that the row never outgrows D1's 2,000,000-byte cap (such a client's resource is built when read).
-- A column of that kind cannot be added by ALTER TABLE, so the table is rebuilt (same columns in the
-- same order, the new one last), which also computes it for every existing row; its indexes and
-- history triggers (0007) are made again. Nothing references `clients`: its DROP cascades nowhere.
CREATE TABLE `clients_new` (
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
	`source_problems` text DEFAULT '[]' NOT NULL,
	`not_found_upstream_at` integer,
	`first_name` text,
	`last_name` text,
	`iban` text,
	`bic` text,
	`resource_json` text GENERATED ALWAYS AS (case when coalesce(octet_length(office_id), 0)
		+ coalesce(octet_length(id), 0)
		+ coalesce(octet_length(adminpulse_id), 0)
		+ coalesce(octet_length(unique_identifier), 0)
		+ coalesce(octet_length(code), 0)
		+ coalesce(octet_length(kind), 0)
		+ coalesce(octet_length(name), 0)
		+ coalesce(octet_length(first_name), 0)
		+ coalesce(octet_length(last_name), 0)
		+ coalesce(octet_length(search_text), 0)
		+ coalesce(octet_length(enterprise_number), 0)
		+ coalesce(octet_length(national_number), 0)
		+ coalesce(octet_length(vat_number), 0)
		+ coalesce(octet_length(legal_form), 0)
		+ coalesce(octet_length(language), 0)
		+ coalesce(octet_length(email), 0)
		+ coalesce(octet_length(phone), 0)
		+ coalesce(octet_length(iban), 0)
		+ coalesce(octet_length(bic), 0)
		+ coalesce(octet_length(address), 0)
		+ coalesce(octet_length(general_meeting_date), 0)
		+ coalesce(octet_length(responsible_user_id), 0)
		+ coalesce(octet_length(responsible_user_name), 0)
		+ coalesce(octet_length(links), 0)
		+ coalesce(octet_length(task_templates), 0)
		+ coalesce(octet_length(content_hash), 0)
		+ coalesce(octet_length(last_seen_run), 0)
		+ coalesce(octet_length(source_problems), 0)
		<= 280000
		then ('{' || '"id":' || json_quote(id)
		|| ',"changeSeq":' || change_seq
		|| ',"updatedAt":' || '"' || strftime('%Y-%m-%dT%H:%M:%S', updated_at / 1000, 'unixepoch') || '.' || printf('%03d', updated_at % 1000) || 'Z' || '"'
		|| ',"sourceIds":' || '{"adminpulseId":' || json_quote(adminpulse_id)
		|| ',"uniqueIdentifier":' || json_quote(unique_identifier)
		|| ',"code":' || json_quote(code) || '}'
		|| ',"kind":' || json_quote(kind)
		|| ',"name":' || json_quote(name)
		|| ',"firstName":' || json_quote(first_name)
		|| ',"lastName":' || json_quote(last_name)
		|| ',"enterpriseNumber":' || json_quote(enterprise_number)
		|| ',"nationalNumber":' || json_quote(national_number)
		|| ',"vatNumber":' || json_quote(vat_number)
		|| ',"legalForm":' || json_quote(legal_form)
		|| ',"language":' || json_quote(language)
		|| ',"email":' || json_quote(email)
		|| ',"phone":' || json_quote(phone)
		|| ',"iban":' || json_quote(iban)
		|| ',"bic":' || json_quote(bic)
		|| ',"generalMeetingDate":' || json_quote(general_meeting_date)
		|| ',"responsibleUser":' || case when responsible_user_name <> '' then '{"id":' || json_quote(responsible_user_id)
		|| ',"name":' || json_quote(responsible_user_name) || '}' else 'null' end
		|| ',"taskTemplates":' || task_templates
		|| ',"address":' || coalesce(nullif(address, ''), 'null')
		|| ',"links":' || links
		|| ',"sourceProblems":' || case when not_found_upstream_at is null then source_problems
		else json_insert(source_problems, '$[#]', json_object('code', 'upstream.not_found', 'field', 'id',
			'seen', '404 on refresh at ' || strftime('%Y-%m-%dT%H:%M:%S', not_found_upstream_at / 1000, 'unixepoch') || '.' || printf('%03d', not_found_upstream_at % 1000) || 'Z' || '; kept until a full scan decides')) end || '}') end) STORED,
	PRIMARY KEY(`office_id`, `id`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `clients_new` (office_id, id, adminpulse_id, unique_identifier, code, kind, name, search_text, enterprise_number, national_number, vat_number, legal_form, language, email, phone, address, general_meeting_date, responsible_user_id, responsible_user_name, links, task_templates, content_hash, change_seq, created_seq, last_seen_run, refreshed_at, updated_at, deleted_at, source_problems, not_found_upstream_at, first_name, last_name, iban, bic)
SELECT office_id, id, adminpulse_id, unique_identifier, code, kind, name, search_text, enterprise_number, national_number, vat_number, legal_form, language, email, phone, address, general_meeting_date, responsible_user_id, responsible_user_name, links, task_templates, content_hash, change_seq, created_seq, last_seen_run, refreshed_at, updated_at, deleted_at, source_problems, not_found_upstream_at, first_name, last_name, iban, bic FROM `clients`;
--> statement-breakpoint
DROP TABLE `clients`;
--> statement-breakpoint
ALTER TABLE `clients_new` RENAME TO `clients`;
--> statement-breakpoint
CREATE UNIQUE INDEX `clients_office_adminpulse_uq` ON `clients` (`office_id`,`adminpulse_id`);
--> statement-breakpoint
CREATE INDEX `clients_office_enterprise_idx` ON `clients` (`office_id`,`enterprise_number`,`id`);
--> statement-breakpoint
CREATE INDEX `clients_office_seq_idx` ON `clients` (`office_id`,`change_seq`);
--> statement-breakpoint
CREATE INDEX `clients_office_name_idx` ON `clients` (`office_id`,`name`,`id`);
--> statement-breakpoint
CREATE INDEX `clients_office_seen_idx` ON `clients` (`office_id`,`last_seen_run`);
--> statement-breakpoint
CREATE INDEX `clients_office_uid_idx` ON `clients` (`office_id`,`unique_identifier`);
--> statement-breakpoint
-- The history triggers of 0007, unchanged (DROP TABLE dropped them).
CREATE TRIGGER `clients_history_insert` AFTER INSERT ON `clients` BEGIN
  INSERT OR REPLACE INTO `client_history` (office_id, client_id, change_seq, content, at, deleted)
  VALUES (new.office_id, new.id, new.change_seq, json_object(
    'sourceIds', json_object('adminpulseId', new.adminpulse_id, 'uniqueIdentifier', new.unique_identifier, 'code', new.code),
    'kind', new.kind, 'name', new.name, 'firstName', new.first_name, 'lastName', new.last_name,
    'enterpriseNumber', new.enterprise_number, 'nationalNumber', new.national_number,
    'vatNumber', new.vat_number, 'legalForm', new.legal_form, 'language', new.language,
    'email', new.email, 'phone', new.phone, 'iban', new.iban, 'bic', new.bic,
    'address', json(new.address),
    'generalMeetingDate', new.general_meeting_date,
    'responsibleUser', json(CASE WHEN new.responsible_user_name IS NULL THEN NULL
      ELSE json_object('id', new.responsible_user_id, 'name', new.responsible_user_name) END),
    'links', json(new.links)), new.updated_at, new.deleted_at IS NOT NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `clients_history_update` AFTER UPDATE OF change_seq ON `clients`
WHEN new.change_seq <> old.change_seq BEGIN
  INSERT OR REPLACE INTO `client_history` (office_id, client_id, change_seq, content, at, deleted)
  VALUES (new.office_id, new.id, new.change_seq, json_object(
    'sourceIds', json_object('adminpulseId', new.adminpulse_id, 'uniqueIdentifier', new.unique_identifier, 'code', new.code),
    'kind', new.kind, 'name', new.name, 'firstName', new.first_name, 'lastName', new.last_name,
    'enterpriseNumber', new.enterprise_number, 'nationalNumber', new.national_number,
    'vatNumber', new.vat_number, 'legalForm', new.legal_form, 'language', new.language,
    'email', new.email, 'phone', new.phone, 'iban', new.iban, 'bic', new.bic,
    'address', json(new.address),
    'generalMeetingDate', new.general_meeting_date,
    'responsibleUser', json(CASE WHEN new.responsible_user_name IS NULL THEN NULL
      ELSE json_object('id', new.responsible_user_id, 'name', new.responsible_user_name) END),
    'links', json(new.links)), new.updated_at, new.deleted_at IS NOT NULL);
END;
--> statement-breakpoint
