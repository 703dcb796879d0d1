/** The canonical model this package maps to, from the domain core. */
export { type Client, type ClientLink, clientSchema, type LinkRole } from "@pulsebridge/core";
