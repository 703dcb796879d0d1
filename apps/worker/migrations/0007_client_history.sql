CREATE TABLE `client_history` (
	`office_id` text NOT NULL,
	`client_id` text NOT NULL,
	`change_seq` integer NOT NULL,
	`content` text NOT NULL,
	`at` integer NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`office_id`, `client_id`, `change_seq`)
);
--> statement-breakpoint
CREATE INDEX `client_history_office_at_idx` ON `client_history` (`office_id`,`at`);
--> statement-breakpoint
-- Every version a client is written at is kept (three-way review, GET /v1/clients/{id}/history).
-- Triggers, so every write path of `clients` records it; the content is the core Client JSON.
-- A client field added later needs these triggers recreated with it; until then a version lacks
-- the field and the review reads it as unchanged since the pull (history/bases.ts).
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
-- The versions served before this migration: each client's current one.
INSERT OR IGNORE INTO `client_history` (office_id, client_id, change_seq, content, at, deleted)
SELECT office_id, id, change_seq, json_object(
    'sourceIds', json_object('adminpulseId', adminpulse_id, 'uniqueIdentifier', unique_identifier, 'code', code),
    'kind', kind, 'name', name, 'firstName', first_name, 'lastName', last_name,
    'enterpriseNumber', enterprise_number, 'nationalNumber', national_number,
    'vatNumber', vat_number, 'legalForm', legal_form, 'language', language,
    'email', email, 'phone', phone, 'iban', iban, 'bic', bic,
    'address', json(address),
    'generalMeetingDate', general_meeting_date,
    'responsibleUser', json(CASE WHEN responsible_user_name IS NULL THEN NULL
      ELSE json_object('id', responsible_user_id, 'name', responsible_user_name) END),
    'links', json(links)), updated_at, deleted_at IS NOT NULL FROM `clients`;
