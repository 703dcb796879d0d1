/**
 * The KBO register check of an office's clients (ADR 0010): in the caller's language, remembering
 * each status so the client list's "differs" filter stays in step with what the caller saw.
 */
import type { UiLanguage } from "@pulsebridge/core";
import { type ClientRow, getClientById } from "../db/queries/clients.js";
import { liveClientsByIds, registerVersion } from "../db/queries/register.js";
import { notFound } from "../lib/errors.js";
import { checkRows, rememberChecks } from "../register/check-clients.js";
import type { ServiceContext } from "./context.js";

async function checkAndRemember(ctx: ServiceContext, rows: ClientRow[], lang: UiLanguage) {
  const { snapshotDate, checks } = await checkRows(ctx.db, rows, lang);
  const version = await registerVersion(ctx.db);
  await rememberChecks(ctx.db, ctx.officeId, version, ctx.runtime.now(), rows, checks);
  return { snapshotDate, checks };
}

/**
 * Checks up to 1,000 clients by id, in the order asked. Ids that are not the office's live clients
 * land in `notFound`, exactly like unknown ones (another office's ids tell nothing).
 */
export async function checkClients(ctx: ServiceContext, ids: string[], lang: UiLanguage) {
  const unique = [...new Set(ids)];
  const rows = await liveClientsByIds(ctx.db, ctx.officeId, unique);
  const { snapshotDate, checks } = await checkAndRemember(ctx, rows, lang);
  const found = new Set(rows.map((row) => row.id));
  const byId = new Map(checks.map((ch) => [ch.clientId, ch]));
  return {
    snapshotDate,
    lang,
    data: unique.flatMap((id) => byId.get(id) ?? []),
    notFound: unique.filter((id) => !found.has(id)),
  };
}

/** One client's check (404 for an id that is not the office's client). */
export async function checkClient(ctx: ServiceContext, id: string, lang: UiLanguage) {
  const row = await getClientById(ctx.db, ctx.officeId, id);
  if (!row) throw notFound();
  const { checks } = await checkAndRemember(ctx, [row], lang);
  const check = checks[0];
  if (!check) throw notFound();
  return check;
}
