import { z } from "zod";
import type { Db } from "../db/client.js";
import { getConnection } from "../db/queries/connections.js";
import type { Services } from "../services.js";
import type { RelationSource } from "./source.js";

/** The decrypted credential, as sealed by PUT /v1/connection. */
export const credentialSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("token"), token: z.string() }),
  z.object({
    kind: z.literal("oauth"),
    accessToken: z.string(),
    refreshToken: z.string().nullable(),
  }),
]);
export type Credential = z.infer<typeof credentialSchema>;

export const bearerOf = (c: Credential) => (c.kind === "token" ? c.token : c.accessToken);

/** The office's AdminPulse source, or null when it has no active connection. */
export async function sourceForOffice(
  services: Services,
  db: Db,
  officeId: string,
): Promise<RelationSource | null> {
  const conn = await getConnection(db, officeId);
  if (conn?.status !== "active") return null;
  if (conn.expiresAt !== null && conn.expiresAt <= services.now()) return null;
  const cred = credentialSchema.parse(JSON.parse(await services.cipher.open(conn)));
  return services.relationSource({ token: bearerOf(cred), fingerprint: conn.tokenFingerprint }, db);
}
