/**
 * Clients pulled in this session, by enterprise number, for the lookup custom function. With the
 * shared runtime the task pane and the functions share this module's memory.
 */
import type { ClientResource } from "@pulsebridge/core";

const byEnterprise = new Map<string, ClientResource>();

export function rememberClients(clients: ClientResource[]): void {
  for (const c of clients) if (c.enterpriseNumber) byEnterprise.set(c.enterpriseNumber, c);
}

export function cachedClient(enterpriseNumber: string): ClientResource | undefined {
  return byEnterprise.get(enterpriseNumber);
}

export function clearClientCache(): void {
  byEnterprise.clear();
}
