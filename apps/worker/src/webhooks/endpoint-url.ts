/**
 * Which webhook URLs the worker may call: `https` only (plain `http` only to a loopback host, and
 * only when the server allows it for development), never a private, link-local, metadata or other
 * internal address. Checked when an endpoint is registered and again before every delivery.
 * Host names are checked as written; a name that resolves to an internal address is stopped by the
 * runtime's own egress rules on Cloudflare, and by the IP check on the resolved address on Bun.
 */
export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

const blockedNames = [
  /^localhost$/i,
  /\.localhost$/i,
  /\.local$/i,
  /\.internal$/i,
  /^metadata(\.|$)/i,
];

export function checkEndpointUrl(raw: string, opts: { allowLoopbackHttp: boolean }): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.username || url.password) return { ok: false, reason: "credentials in the URL" };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const loopback = isLoopback(host);
  if (url.protocol === "http:") {
    if (!(opts.allowLoopbackHttp && loopback)) return { ok: false, reason: "https only" };
    return { ok: true, url };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "https only" };
  if (loopback && !opts.allowLoopbackHttp) return { ok: false, reason: "a loopback address" };
  if (!loopback && (isInternalIp(host) || blockedNames.some((r) => r.test(host))))
    return { ok: false, reason: "a private, link-local or internal address" };
  return { ok: true, url };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** IPv4/IPv6 literals that are not public: private, loopback, link-local (metadata), CGNAT, … */
export function isInternalIp(host: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (!host.includes(":")) return false;
  const h = host.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped?.[1]) return isInternalIp(mapped[1]);
  return (
    h === "::" ||
    h === "::1" ||
    h.startsWith("fc") ||
    h.startsWith("fd") ||
    /^fe[89ab]/.test(h) ||
    h.startsWith("ff") ||
    h.startsWith("::ffff:") ||
    h.startsWith("64:ff9b:")
  );
}
