import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { checkEndpointUrl } from "./endpoint-url.js";
import { newWebhookSecret, signWebhook } from "./signature.js";

describe("Standard Webhooks signature", () => {
  it("verifies with the standardwebhooks package; a changed body, id or secret does not", async () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({
      type: "clients.changed",
      data: { fromCursor: "10", toCursor: "42" },
    });
    const now = Math.floor(Date.now() / 1000);
    const headers = await signWebhook(secret, "msg_01", now, body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow();
    expect(() =>
      new Webhook(secret).verify(body, { ...headers, "webhook-id": "msg_02" }),
    ).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
    // A replay long after its timestamp is refused by the receiver's tolerance.
    const old = await signWebhook(secret, "msg_01", now - 3600, body);
    expect(() => new Webhook(secret).verify(body, { ...old })).toThrow();
  });
});

describe("webhook endpoint URLs", () => {
  const prod = { allowLoopbackHttp: false };
  const dev = { allowLoopbackHttp: true };
  it.each([
    "https://hooks.example.be/pulsebridge",
    "https://93.184.216.34/hook",
    "https://[2001:4860:4860::8888]/hook",
  ])("accepts %s", (url) => {
    expect(checkEndpointUrl(url, prod).ok).toBe(true);
  });
  it.each([
    ["http://hooks.example.be/", "https only"],
    ["ftp://hooks.example.be/", "https only"],
    ["https://user:pw@hooks.example.be/", "credentials"],
    ["https://10.0.0.5/", "private"],
    ["https://172.20.1.1/", "private"],
    ["https://192.168.1.10/", "private"],
    ["https://169.254.169.254/latest/meta-data", "private"],
    ["https://100.64.0.1/", "private"],
    ["https://[fd00::1]/", "private"],
    ["https://[fe80::1]/", "private"],
    ["https://[::ffff:10.0.0.1]/", "private"],
    ["https://metadata.google.internal/", "private"],
    ["https://printer.local/", "private"],
    ["https://127.0.0.1/", "loopback"],
    ["https://0x7f.1/", "loopback"],
    ["https://2130706433/", "loopback"],
    ["http://127.0.0.1:8080/", "https only"],
    ["not a url", "not a URL"],
  ])("refuses %s (%s)", (url, reason) => {
    const v = checkEndpointUrl(url, prod);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toContain(reason);
  });
  it("allows plain http to loopback only when the server allows it (development)", () => {
    expect(checkEndpointUrl("http://127.0.0.1:4567/hook", dev).ok).toBe(true);
    expect(checkEndpointUrl("http://[::1]:4567/hook", dev).ok).toBe(true);
    expect(checkEndpointUrl("http://localhost:4567/hook", dev).ok).toBe(true);
    expect(checkEndpointUrl("http://10.0.0.1/hook", dev).ok).toBe(false);
    expect(checkEndpointUrl("http://hooks.example.be/hook", dev).ok).toBe(false);
  });
});
