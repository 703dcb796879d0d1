/**
 * A small stand-in for the worker's v1 contract (packages/core/src/api/schemas.ts) on 127.0.0.1,
 * port 0: bearer keys with roles, cursor pagination, reconcile and idempotent imports computed with
 * core's own reconcile/applyReconcile, problem+json errors, CORS for the harness origin.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Schemas } from "@pulsebridge/client";
import {
  applyReconcile,
  type Client,
  type ClientResource,
  compactResult,
  confirmKnown,
  type ImportResponse,
  type ImportRow,
  importRequestSchema,
  type MeResponse,
  maxRejectedInResponse,
  type RowIssue,
  reconcile,
  reconcileRequestSchema,
  withdrawImportRequestSchema,
} from "@pulsebridge/core";
import {
  checkAgainstRegister,
  type RegisterEntry,
  registerBulkRequestSchema,
  uiLanguageSchema,
} from "@pulsebridge/kbo/portable";

/** A sync run as the worker's OpenAPI document describes it (the generated client's types). */
export type SyncRun = NonNullable<Schemas["SyncRun"]>;

export interface FakeKey {
  role: "admin" | "staff" | "service";
  revoked?: boolean;
}

export interface FakeServer {
  url: string;
  clients: ClientResource[];
  keys: Map<string, FakeKey>;
  imports: Map<string, { hash: string; response: ImportResponse }>;
  /** Every rejected row of each import by import id (the answer holds the first 1,000). */
  rejectedRows: Map<string, ImportResponse["rejected"]>;
  /** The office's sync runs, newest first (GET /v1/sync/runs). */
  syncRuns: SyncRun[];
  /** What GET /v1/me says about the AdminPulse connection. */
  adminpulse: MeResponse["adminpulse"];
  requests: { method: string; path: string; idempotencyKey?: string; authorization?: string }[];
  /** The next n imports fail with a 503 after being processed (a response lost on the way back). */
  failNextImports: number;
  /** Server-side rules the add-in cannot know: rows matching are rejected with these issues. */
  rejectWhen: (row: ImportRow) => RowIssue[] | null;
  /** Withdrawals by import id: the key that took it, and what the import now says. */
  withdrawals: Map<string, { key: string; at: string; by: string; reason: string | null }>;
  /** The KBO register, by enterprise number, checked with the package's own check. */
  register: Map<string, RegisterEntry>;
  registerSnapshot: string | null;
  close(): Promise<void>;
}

/** A full sync run that held its deletions for an admin's confirmation. */
export const heldSyncRun = (deletionsHeld: number): SyncRun => ({
  id: "run_held",
  kind: "full",
  trigger: "cron",
  status: "deletions_held",
  startedAt: "2026-12-03T06:00:00Z",
  finishedAt: "2026-12-03T06:04:00Z",
  pages: 4,
  taskPages: 0,
  added: 0,
  updated: 0,
  deleted: 0,
  deletionsHeld,
  problems: {},
  errorCount: 0,
  lastError: null,
  errors: [],
});

/** The server's reason for a rejected row: an e-mail without "@" (the harness and component tests). */
export const rejectedIssue = {
  field: "email",
  code: "id.email_at",
  message: "",
  severity: "error",
  suggestions: [],
  safeFix: null,
} satisfies RowIssue;

/** A valid enterprise number from 8 digits (mod-97 check digits). */
export function enterpriseNumber(n: number): string {
  const base = `0${String(2_000_000 + (n % 7_999_999)).padStart(7, "0")}`;
  const check = 97 - (Number(base) % 97);
  return `${base}${String(check).padStart(2, "0")}`;
}

const firstNames = [
  "Jan",
  "Marie",
  "Luc",
  "Sofie",
  "Pieter",
  "Anne",
  "Koen",
  "Els",
  "Marc",
  "Lies",
];
const lastNames = [
  "Peeters",
  "Janssens",
  "Maes",
  "Jacobs",
  "Dubois",
  "Lambert",
  "Dupont",
  "Claes",
  "Willems",
  "Goossens",
];
const cities = [
  ["9000", "Gent"],
  ["2000", "Antwerpen"],
  ["1000", "Brussel"],
  ["4000", "Liège"],
  ["5000", "Namur"],
  ["3000", "Leuven"],
] as const;

export function makeClients(count: number): ClientResource[] {
  return Array.from({ length: count }, (_, i) => {
    const [postalCode, city] = cities[i % cities.length] ?? ["9000", "Gent"];
    const e = enterpriseNumber(i + 1);
    const person = `${firstNames[i % 10]} ${lastNames[(i * 7) % 10]}`;
    return {
      id: `cl_${i + 1}`,
      changeSeq: i + 1,
      updatedAt: "2026-11-20T10:00:00Z",
      taskTemplates: i % 3 === 0 ? ["Jaarrekening"] : i % 3 === 1 ? ["Btw-aangifte"] : [],
      sourceIds: {
        adminpulseId: `ap-${i + 1}`,
        uniqueIdentifier: `APR${String(i + 1).padStart(5, "0")}`,
        code: `K${i + 1}`,
      },
      kind: "company",
      name: `${lastNames[i % 10]} ${["BV", "NV", "SRL", "CommV"][i % 4]} ${i + 1}`,
      firstName: null,
      lastName: null,
      enterpriseNumber: e,
      nationalNumber: null,
      vatNumber: `BE${e}`,
      legalForm: ["BV", "NV", "SRL", "CommV"][i % 4] ?? null,
      language: i % 4 === 3 ? "fr" : "nl",
      email: `info${i + 1}@client${i + 1}.be`,
      phone: null,
      iban: null,
      bic: null,
      address: {
        street: "Kerkstraat",
        number: String((i % 120) + 1),
        box: null,
        postalCode,
        city,
        country: "BE",
      },
      generalMeetingDate: null,
      responsibleUser: { id: "u1", name: "Sara De Smet" },
      links: [
        {
          role: "director",
          relationIdentifier: `APR9${i}`,
          name: person,
          startDate: "2020-01-01",
          endDate: null,
          shares: null,
          votingRights: null,
          comment: null,
        },
        ...(i % 2 === 0
          ? [
              {
                role: "shareholder" as const,
                relationIdentifier: `APR8${i}`,
                name: `${lastNames[(i + 3) % 10]} Holding`,
                startDate: null,
                endDate: null,
                shares: 60,
                votingRights: null,
                comment: null,
              },
            ]
          : []),
      ],
    } satisfies ClientResource;
  });
}

/** A write's key: staff or admin, with an Idempotency-Key, as the worker asks; else answered here. */
function writeKey(req: IncomingMessage, res: ServerResponse, key: FakeKey): string | null {
  const idem = req.headers["idempotency-key"];
  if (key.role === "service")
    problem(res, 403, "forbidden", "This operation needs one of the roles: admin, staff.");
  else if (typeof idem !== "string" || !idem)
    problem(res, 400, "idempotency_key_required", "Idempotency-Key header required");
  else return idem;
  return null;
}

function problem(
  res: ServerResponse,
  status: number,
  code: string,
  detail: string,
  errors?: unknown[],
) {
  res.writeHead(status, { "content-type": "application/problem+json", ...cors });
  res.end(
    JSON.stringify({
      type: "about:blank",
      title: code,
      status,
      detail,
      code,
      requestId: randomUUID(),
      ...(errors ? { errors } : {}),
    }),
  );
}
const cors = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, idempotency-key",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  // As the worker does: the cache's age is readable by the pane (status bar).
  "access-control-expose-headers": "X-Cache-Age",
};
function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...cors, ...headers });
  res.end(JSON.stringify(body));
}
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function stripResource(c: ClientResource): Client {
  const { id: _id, changeSeq: _s, updatedAt: _u, taskTemplates: _t, ...client } = c;
  return client;
}

export async function startFakeServer(
  options: { clients?: ClientResource[] } = {},
): Promise<FakeServer> {
  const versions = new Map<string, Client>();
  const state: Omit<FakeServer, "url" | "close"> = {
    clients: options.clients ?? makeClients(50),
    keys: new Map<string, FakeKey>([
      ["pb_test_staff_key", { role: "staff" }],
      ["pb_test_admin_key", { role: "admin" }],
      ["pb_test_service_key", { role: "service" }],
      ["pb_test_revoked_key", { role: "staff", revoked: true }],
    ]),
    imports: new Map(),
    rejectedRows: new Map(),
    syncRuns: [],
    adminpulse: { connected: true, status: "active", expiresAt: null, expiry: null, reason: null },
    requests: [],
    failNextImports: 0,
    rejectWhen: () => null,
    withdrawals: new Map(),
    register: new Map(),
    registerSnapshot: "2025-10-04",
  };
  let seq = 1000;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const auth = req.headers.authorization;
    state.requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      idempotencyKey: req.headers["idempotency-key"] as string | undefined,
      authorization: auth,
    });
    const key = state.keys.get(auth?.replace(/^Bearer /, "") ?? "");
    if (!key || key.revoked) return problem(res, 401, "unauthorized", "Send a valid API key.");
    const served = versions;
    const existing = () =>
      state.clients.map((c) => ({ id: c.id, client: stripResource(c), version: c.changeSeq }));

    try {
      if (req.method === "GET" && url.pathname === "/v1/me")
        return json(res, 200, {
          office: { id: "off_1", name: "Kantoor Demo" },
          key: { id: "key_1", prefix: "pb_test", role: key.role, name: `${key.role} key` },
          adminpulse: state.adminpulse,
        });
      if (req.method === "GET" && url.pathname === "/v1/sync/runs")
        return json(res, 200, { data: state.syncRuns });
      const confirm = /^\/v1\/sync\/runs\/([^/]+)\/confirm-deletions$/.exec(url.pathname);
      if (req.method === "POST" && confirm) {
        if (key.role !== "admin")
          return problem(res, 403, "forbidden", "This operation needs one of the roles: admin.");
        const runId = confirm[1];
        const run = state.syncRuns.find((x) => x.id === runId);
        if (!run) return problem(res, 404, "not_found", "No such resource.");
        if (run.status !== "deletions_held")
          return problem(res, 400, "validation_failed", "This run holds no deletions.");
        run.status = "completed";
        run.deleted = run.deletionsHeld;
        return json(res, 200, { run, deleted: run.deletionsHeld });
      }
      const withdraw = /^\/v1\/imports\/([^/]+)\/withdraw$/.exec(url.pathname);
      if (req.method === "POST" && withdraw) {
        const idem = writeKey(req, res, key);
        if (idem === null) return;
        const body = withdrawImportRequestSchema.safeParse(JSON.parse(await readBody(req)));
        if (!body.success) return problem(res, 400, "validation_failed", body.error.message);
        const id = withdraw[1] ?? "";
        const imp = [...state.imports.values()].find((x) => x.response.id === id)?.response;
        if (!imp) return problem(res, 404, "not_found", "No such resource.");
        const prior = state.withdrawals.get(id);
        // Like the worker: the same key answers the withdrawal again; another key, or an import
        // rejected whole, is a 409.
        if ((prior && prior.key !== idem) || imp.status === "rejected")
          return problem(res, 409, "import_not_withdrawable", "This import cannot be withdrawn.");
        const w = prior ?? {
          key: idem,
          at: new Date().toISOString(),
          by: body.data.by,
          reason: body.data.reason ?? null,
        };
        state.withdrawals.set(id, w);
        const { rejected: _rows, rejectedNextCursor: _cursor, ...summary } = imp;
        return json(res, 200, {
          ...summary,
          status: "withdrawn",
          withdrawn: { at: w.at, by: w.by, reason: w.reason },
        });
      }
      const rows = /^\/v1\/imports\/([^/]+)\/rows$/.exec(url.pathname);
      if (req.method === "GET" && rows) {
        const all = state.rejectedRows.get(rows[1] ?? "");
        if (!all) return problem(res, 404, "not_found", "No such resource.");
        if (url.searchParams.get("action") !== "rejected")
          return problem(res, 400, "validation_failed", "The fake pages rejected rows only.");
        // The worker's cursor is the last row sent; here an index into the rejected rows.
        const from = Number(url.searchParams.get("cursor") ?? 0);
        const limit = Math.min(2000, Number(url.searchParams.get("limit") ?? 500));
        const page = all.slice(from, from + limit);
        return json(res, 200, {
          data: page.map((r) => ({
            ref: r.ref,
            action: "rejected",
            clientId: null,
            fields: [],
            client: null,
            issues: r.issues,
          })),
          nextCursor: from + limit < all.length ? String(from + limit) : null,
        });
      }
      if (req.method === "GET" && url.pathname === "/v1/task-templates") {
        const counts = new Map<string, number>();
        for (const c of state.clients)
          for (const t of c.taskTemplates) counts.set(t, (counts.get(t) ?? 0) + 1);
        return json(res, 200, {
          data: [...counts].map(([name, clientCount]) => ({ name, clientCount })),
        });
      }
      if (req.method === "GET" && url.pathname === "/v1/clients") {
        const q = url.searchParams.get("q")?.toLowerCase();
        const e = url.searchParams.get("enterpriseNumber");
        const tt = url.searchParams.get("taskTemplate");
        const limit = Math.min(1000, Number(url.searchParams.get("limit") ?? 100));
        const offset = Number(url.searchParams.get("cursor") ?? 0);
        const all = state.clients.filter(
          (c) =>
            (!q || c.name.toLowerCase().includes(q)) &&
            (!e || c.enterpriseNumber === e) &&
            (!tt || c.taskTemplates.includes(tt)),
        );
        const data = all.slice(offset, offset + limit);
        // Like the worker's client_history: every version served can be rebuilt later.
        for (const c of data)
          served.set(`${c.id}:${c.changeSeq}`, structuredClone(stripResource(c)));
        return json(
          res,
          200,
          {
            data,
            nextCursor: offset + limit < all.length ? String(offset + limit) : null,
            cache: { lastSyncedAt: "2026-11-25T08:00:00Z", ageSeconds: 60, stale: false },
          },
          { "x-cache-age": "60" },
        );
      }
      if (req.method === "POST" && url.pathname === "/v1/register/check") {
        const body = registerBulkRequestSchema.safeParse(JSON.parse(await readBody(req)));
        if (!body.success) return problem(res, 400, "validation_failed", body.error.message);
        const lang = uiLanguageSchema.catch("en").parse(url.searchParams.get("lang"));
        const byId = new Map(state.clients.map((c) => [c.id, c]));
        const data = body.data.ids.flatMap((id) => {
          const c = byId.get(id);
          if (!c) return [];
          const entry = c.enterpriseNumber
            ? (state.register.get(c.enterpriseNumber) ?? null)
            : null;
          const check = checkAgainstRegister(stripResource(c), entry, lang, state.registerSnapshot);
          return [{ clientId: id, lang, ...check }];
        });
        return json(res, 200, {
          snapshotDate: state.registerSnapshot,
          lang,
          data,
          notFound: body.data.ids.filter((id) => !byId.has(id)),
        });
      }
      if (req.method === "POST" && url.pathname === "/v1/reconcile") {
        const body = reconcileRequestSchema.safeParse(JSON.parse(await readBody(req)));
        if (!body.success) return problem(res, 400, "validation_failed", body.error.message);
        const { rows, known = [], answer, onlyInTarget } = body.data;
        const baseOf = (id: string, version: number) =>
          structuredClone(served.get(`${id}:${version}`));
        const all = existing();
        const confirmed = await confirmKnown(known, all, baseOf);
        const result = reconcile([...rows, ...confirmed.rows], all, {
          baseOf,
          known: confirmed.clients,
          ...(onlyInTarget === false ? { inScope: () => false } : {}),
        });
        const resend = known.length > 0 ? { resend: confirmed.resend } : {};
        return json(res, 200, {
          ...(answer === "compact" ? compactResult(result) : result),
          ...resend,
        });
      }
      if (req.method === "POST" && url.pathname === "/v1/imports") {
        const idem = writeKey(req, res, key);
        if (idem === null) return;
        const text = await readBody(req);
        const prior = state.imports.get(idem);
        if (prior) {
          if (prior.hash !== text)
            return problem(
              res,
              409,
              "idempotency_conflict",
              "Idempotency-Key already used with a different body",
            );
          return json(res, 200, prior.response);
        }
        const body = importRequestSchema.safeParse(JSON.parse(text));
        if (!body.success) return problem(res, 400, "validation_failed", body.error.message);
        const rejectedByRule = new Map<string, RowIssue[]>();
        for (const row of body.data.rows) {
          const issues = state.rejectWhen(row);
          if (issues) rejectedByRule.set(row.ref, issues);
        }
        const accepted = body.data.rows.filter((r) => !rejectedByRule.has(r.ref));
        const result = reconcile(accepted, existing());
        const applied = applyReconcile(result, body.data.choices);
        for (const u of applied.updates) {
          const i = state.clients.findIndex((c) => c.id === u.id);
          const old = state.clients[i];
          if (old) state.clients[i] = { ...old, ...u.client, changeSeq: ++seq };
        }
        for (const cr of applied.creates)
          state.clients.push({
            ...cr.client,
            id: `cl_new_${++seq}`,
            changeSeq: seq,
            updatedAt: new Date().toISOString(),
            taskTemplates: [],
          });
        const rejected = [
          ...result.invalid,
          ...[...rejectedByRule].map(([ref, issues]) => ({ ref, issues })),
        ];
        const response: ImportResponse = {
          id: `imp_${++seq}`,
          source: body.data.source,
          createdBy: body.data.createdBy,
          createdAt: new Date().toISOString(),
          status:
            rejected.length === 0
              ? "accepted"
              : accepted.length === 0
                ? "rejected"
                : "partially_accepted",
          counts: {
            rows: body.data.rows.length,
            created: applied.creates.length,
            updated: applied.updates.length,
            unchanged:
              body.data.rows.length -
              applied.creates.length -
              applied.updates.length -
              rejected.length,
            rejected: rejected.length,
          },
          rejected: rejected.slice(0, maxRejectedInResponse),
          rejectedNextCursor:
            rejected.length > maxRejectedInResponse ? String(maxRejectedInResponse) : null,
        };
        state.rejectedRows.set(response.id, rejected);
        state.imports.set(idem, { hash: text, response });
        if (state.failNextImports > 0) {
          state.failNextImports--;
          return problem(res, 503, "upstream_unavailable", "Try again.");
        }
        return json(res, 200, response);
      }
      return problem(res, 404, "not_found", "No such resource.");
    } catch (e) {
      return problem(res, 500, "internal", e instanceof Error ? e.message : "error");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  }) as FakeServer;
}
