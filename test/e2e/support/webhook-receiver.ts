import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * A real receiver on 127.0.0.1 that verifies every request with the `standardwebhooks` package, as
 * an integrator's would. While `up` is false it answers 503 (a receiver that is down); requests
 * that fail verification are counted and never accepted.
 */
export class WebhookReceiver {
  up = true;
  secret = "";
  accepted: ReceivedEvent[] = [];
  refused = 0;
  unverified = 0;
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (!this.up) {
          this.refused++;
          res.writeHead(503).end();
          return;
        }
        const body = Buffer.concat(chunks).toString("utf8");
        try {
          const event = new Webhook(this.secret).verify(
            body,
            req.headers as Record<string, string>,
          ) as { type: string; data: Record<string, unknown> };
          this.accepted.push({ id: String(req.headers["webhook-id"]), ...event });
          res.writeHead(204).end();
        } catch {
          this.unverified++;
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/pulsebridge`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
