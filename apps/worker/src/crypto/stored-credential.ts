import type { Db } from "../db/client.js";
import type { ConnectionRow as Row } from "../db/queries/connections.js";
import { allConnections, replaceSealed } from "../db/queries/credential-rows.js";
import { type CredentialCipher, CredentialUndecryptableError } from "./credential-cipher.js";

/**
 * The office's stored credential, decrypted with its binding (office + kind). A row written before
 * that binding existed (issue 11) is read once with the old one and re-encrypted in place; a row
 * that is already bound never falls back, so one copied to another office stays undecryptable.
 */
export async function openStoredCredential(
  cipher: CredentialCipher,
  db: Db,
  row: Row,
): Promise<string> {
  const context = { officeId: row.officeId, kind: row.kind };
  try {
    return await cipher.open(row, context);
  } catch (err) {
    if (!(err instanceof CredentialUndecryptableError)) throw err;
    const plaintext = await cipher.openLegacy(row);
    const sealed = await cipher.seal(plaintext, context);
    // Compare-and-set on the IV: idempotent, and never over a credential stored meanwhile.
    await replaceSealed(db, row.officeId, row.iv, sealed);
    return plaintext;
  }
}

/** Re-encrypt every office's credential still under the old binding (the cron and Bun start run it). */
export async function reencryptLegacyCredentials(cipher: CredentialCipher, db: Db) {
  let reencrypted = 0;
  for (const row of await allConnections(db)) {
    try {
      await cipher.open(row, { officeId: row.officeId, kind: row.kind });
    } catch {
      try {
        await openStoredCredential(cipher, db, row);
        reencrypted++;
      } catch {
        // Undecryptable either way: the cron flags that office on its turn.
      }
    }
  }
  return reencrypted;
}
