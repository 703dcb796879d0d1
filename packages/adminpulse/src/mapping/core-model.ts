/** The canonical model this package maps to, from the domain core. */
export {
  type Client,
  type ClientLink,
  clientKindSchema,
  clientSchema,
  type LinkRole,
  languageSchema,
  linkRoleSchema,
} from "@pulsebridge/core";
