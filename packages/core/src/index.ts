export * from "./api/error-codes.js";
export * from "./api/schemas.js";
export * from "./api/staged.js";
export * from "./api-key/api-key.js";
export * from "./i18n/index.js";
export * from "./identifiers/check-id.js";
export { checkPlace, type PlaceCheck } from "./identifiers/postcode-places.js";
export * from "./identifiers/types.js";
export * from "./model/client.js";
export {
  type ComparablePath,
  csvFields,
  csvValue,
  type FieldCheck,
  type FieldEntry,
  type FieldKey as ModelFieldKey,
  type FieldLabels,
  type FieldPath,
  fieldByKey,
  fieldByPath,
  fieldTable,
  setValueAt,
  snakeCase,
  storedColumns,
  valueAt,
} from "./model/fields.js";
export * from "./reconcile/apply.js";
export * from "./reconcile/blank.js";
export * from "./reconcile/compact.js";
export * from "./reconcile/fingerprint.js";
export * from "./reconcile/history.js";
export * from "./reconcile/known.js";
export * from "./reconcile/reconcile.js";
export * from "./reconcile/rows.js";
export * from "./reconcile/types.js";
export { displayName } from "./validate/contact.js";
export * from "./validate/types.js";
export * from "./validate/validate-row.js";
