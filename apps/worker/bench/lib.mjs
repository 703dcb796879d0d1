// Small helpers shared by the worker's benchmarks (run.mjs, compare-runtimes.mjs, read-floor.mjs, heap.mjs).

/** JSON calls to a running worker with one API key; any non-2xx throws with the status and body. */
export function apiClient(base, key, name = "") {
  return async (method, p, body, headers = {}) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${name} ${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
}

/** `count` sheet rows made from the cached clients (one in ten with a new e-mail), as a review/push would send. */
export async function sheetFromCache(api, count) {
  const rows = [];
  let cursor = null;
  do {
    const page = await api("GET", `/v1/clients?limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
    for (const c of page.data) {
      const i = rows.length;
      rows.push({
        ref: String(i + 2),
        kind: c.kind,
        name: c.name,
        ...(c.enterpriseNumber ? { enterpriseNumber: c.enterpriseNumber } : {}),
        ...(c.nationalNumber ? { nationalNumber: c.nationalNumber } : {}),
        email: i % 10 === 0 ? `new${i}@example.be` : (c.email ?? ""),
      });
    }
    cursor = page.nextCursor;
  } while (cursor && rows.length < count);
  while (rows.length < count)
    rows.push({ ref: String(rows.length + 2), kind: "company", name: `Extra ${rows.length}` });
  return rows.slice(0, count);
}
