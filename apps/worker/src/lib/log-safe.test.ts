import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { validEnterprise } from "../../test/fixtures.js";
import { call, db, harness, newOffice } from "../../test/harness.js";
import { clients } from "../db/schema/index.js";
import { errorForLog } from "./log-safe.js";

/**
 * Issue 11: a failed query must not put its bound values (personal data) in the logs. Drizzle's
 * DrizzleQueryError carries them in its message ("params: …") and so in its stack.
 */
const secretName = "Jan Peeters-Vandenbroucke";
const secretMail = "jan.peeters@example.be";

function captureConsole() {
  const lines: string[] = [];
  for (const level of ["log", "error", "warn", "info", "debug"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe("no bound values or personal data in logs (issue 11)", () => {
  it("a query failing inside a request logs the request id and the failure, never the number it looked up", async () => {
    const h = harness();
    const office = await newOffice();
    const number = validEnterprise(4242);
    // A broken table makes the by-enterprise lookup fail in real D1, with the number bound.
    await env.DB.exec("ALTER TABLE clients RENAME TO clients_moved_away");
    const lines = captureConsole();
    try {
      const res = await call(h, "GET", `/v1/enterprises/${number}/client`, {
        key: office.keys.service,
      });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { code: string; requestId?: string };
      expect(body.code).toBe("internal");
    } finally {
      await env.DB.exec("ALTER TABLE clients_moved_away RENAME TO clients");
    }
    const out = lines.join("\n");
    expect(out).toContain(loggedRequestId(lines));
    expect(out).toContain("no such table");
    expect(out).not.toContain(number);
    expect(out).not.toContain(office.officeId);
    expect(out).not.toMatch(/params/i);
  });

  it("a real DrizzleQueryError and a JSON parse error are summarised without their values", async () => {
    let queryError: unknown;
    try {
      await db
        .insert(clients)
        // No such office: the foreign key fails with the name and e-mail bound.
        .values({
          id: "x",
          officeId: "no-such-office",
          name: secretName,
          email: secretMail,
        } as never);
      await db.select().from(clients).where(eq(clients.name, secretName));
    } catch (e) {
      queryError = e;
    }
    expect(String(queryError)).toContain(secretName); // what the old handler logged
    const summary = JSON.stringify(errorForLog(queryError));
    expect(summary).not.toContain(secretName);
    expect(summary).not.toContain(secretMail);
    expect(summary).toContain("insert into");

    let parseError: unknown;
    try {
      JSON.parse(`${secretName} <${secretMail}>`);
    } catch (e) {
      parseError = e;
    }
    expect(String(parseError)).toContain("Jan");
    const parsed = JSON.stringify(errorForLog(parseError));
    expect(parsed).not.toContain("Jan");
    expect(parsed).toContain("SyntaxError");
  });
});

/** The request id the handler logged (every error line carries it). */
function loggedRequestId(lines: string[]): string {
  const m = lines.join("\n").match(/"requestId":"([^"]+)"/);
  expect(m).not.toBeNull();
  return m![1]!;
}
