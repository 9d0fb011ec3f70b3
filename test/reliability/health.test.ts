// /healthz and /readyz on the real server (scripts/serve.js, docs/decisions/013): 200 when the
// database answers and is migrated; 503 with a pending migration, on a database never migrated,
// and (PostgreSQL) when the database goes away under the running app. Bodies carry one word per
// check and nothing else: no URL, no driver message, no versions.
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { expectedMigrations, migrationsDirFor, READINESS_CACHE_MS } from "~/services/health.server";
import { neverMigratedDatabase, postgresServerUrl, root, useInPostgres } from "../setup/test-database";
import { freePort, startApp, type AppServer } from "./app-server";

const servers: AppServer[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const cleanup of cleanups) await cleanup();
});

async function start(databaseUrl: string, waitFor = "/healthz") {
  const server = await startApp({ port: await freePort(), databaseUrl, waitFor });
  servers.push(server);
  return server;
}

async function probe(server: AppServer, pathname: "/healthz" | "/readyz") {
  const response = await fetch(`${server.url}${pathname}`);
  const text = await response.text();
  // Nothing an attacker could use: no URL, no file path, no driver text, no library versions.
  expect(text).not.toMatch(/postgres|file:|\/|sqlite|prisma|error|\d+\.\d+/i);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body: JSON.parse(text) as Record<string, string> };
}

/** Past the one-second cache, so the next probe checks again. */
const nextCheck = () => sleep(READINESS_CACHE_MS + 100);

describe("/healthz and /readyz on the real server", () => {
  it("ready on a migrated database; 503 while a migration is pending, 200 again once applied; probes stay out of the access log", async () => {
    const server = await start(process.env.DATABASE_URL!, "/");
    expect(await probe(server, "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await probe(server, "/readyz")).toEqual({ status: 200, body: { status: "ready", database: "ok", migrations: "ok" } });

    const last = expectedMigrations(migrationsDirFor(root)).at(-1)!;
    await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name = ${last}`;
    try {
      await nextCheck();
      expect(await probe(server, "/readyz")).toEqual({ status: 503, body: { status: "not ready", database: "ok", migrations: "pending" } });
      expect((await probe(server, "/healthz")).status).toBe(200); // alive all the same: do not restart it
    } finally {
      await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`;
    }
    await nextCheck();
    expect((await probe(server, "/readyz")).status).toBe(200);
    expect(server.output.filter((line) => /\/(healthz|readyz)/.test(line))).toEqual([]);
  });

  it("a database never migrated: alive (200) but not ready (503, migrations pending)", async () => {
    const empty = await neverMigratedDatabase("never-migrated");
    cleanups.push(empty.remove);
    const url = empty.url;
    const server = await start(url);
    expect(await probe(server, "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await probe(server, "/readyz")).toEqual({ status: 503, body: { status: "not ready", database: "ok", migrations: "pending" } });
  });

  it.runIf(useInPostgres)("PostgreSQL gone under the running app (a proxy closed): 503 database down, alive; 200 again when it is back", async () => {
    const target = new URL(postgresServerUrl);
    const sockets = new Set<net.Socket>();
    let accepting = true;
    const proxy = net.createServer((client) => {
      if (!accepting) return client.destroy();
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => void proxy.close());
    const viaProxy = new URL(process.env.DATABASE_URL!);
    viaProxy.host = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    const server = await start(viaProxy.toString(), "/");
    expect((await probe(server, "/readyz")).status).toBe(200);

    accepting = false;
    for (const socket of sockets) socket.destroy();
    await nextCheck();
    expect(await probe(server, "/readyz")).toEqual({ status: 503, body: { status: "not ready", database: "down", migrations: "unknown" } });
    expect((await probe(server, "/healthz")).status).toBe(200);

    accepting = true;
    await nextCheck();
    expect((await probe(server, "/readyz")).status).toBe(200);
  });
});
