// /readyz's check (app/services/health.server.ts, docs/decisions/013) against real databases:
// ready on the migrated test database; not ready with a pending migration, a database never
// migrated, a database that cannot be reached (closed port, missing directory) or one that never
// answers (a socket that accepts and stays silent). The real server's answers are in
// test/reliability/health.test.ts.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dbTarget, outagesAs503, prisma, type Db } from "~/db.server";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client";
import { assessReadiness, checkReadiness, expectedMigrations, migrationsDirFor } from "~/services/health.server";
import { postgresAdapter, sqliteAdapter } from "~/utils/db-adapters.server";
import { neverMigratedDatabase, root } from "../setup/test-database";

const expected = expectedMigrations(migrationsDirFor(root));
const clients: Db[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const client of clients) await client.$disconnect().catch(() => {});
  for (const cleanup of cleanups) await cleanup();
});

/** A client of the app's kind (outages turned into 503s as in the app) for another database. */
function clientFor(url: string): Db {
  const client = url.startsWith("file:")
    ? outagesAs503(new SqliteClient({ adapter: sqliteAdapter(url.slice("file:".length)) }))
    : outagesAs503(new PostgresClient({ adapter: postgresAdapter(url) }) as unknown as Db);
  clients.push(client);
  return client;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("readiness", () => {
  it("the build's migration folders are those of the provider in use, all applied: ready", async () => {
    expect(expected.length).toBeGreaterThan(0);
    expect(expected).toEqual(fs.readdirSync(path.join(root, "prisma", dbTarget.provider, "migrations")).filter((name) => !name.endsWith(".toml")));
    expect(await assessReadiness({ expected })).toEqual({ ready: true, database: "ok", migrations: "ok" });
    // The server's entry point (cached for a second) agrees.
    expect(await checkReadiness(root)).toEqual({ ready: true, database: "ok", migrations: "ok" });
  });

  it("a migration folder without an applied row (rolled back, or deploy not run after an upgrade) is pending: not ready", async () => {
    const last = expected.at(-1)!;
    // As `prisma migrate resolve --rolled-back` marks it: the row stays, the migration no longer counts.
    await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name = ${last}`;
    try {
      expect(await assessReadiness({ expected })).toEqual({ ready: false, database: "ok", migrations: "pending" });
    } finally {
      await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`;
    }
    expect(await assessReadiness({ expected })).toMatchObject({ ready: true });
    // A folder this database has never seen (a newer build on an older database): pending too.
    expect(await assessReadiness({ expected: [...expected, "29991231000000_from_the_future"] })).toMatchObject({ ready: false, migrations: "pending" });
    // A database ahead of the build (rolled back to the previous build) stays ready.
    expect(await assessReadiness({ expected: expected.slice(0, -1) })).toMatchObject({ ready: true });
    // No folders shipped with the build: cannot tell, so not ready.
    expect(await assessReadiness({ expected: null })).toEqual({ ready: false, database: "ok", migrations: "unknown" });
  });

  it("a database that was never migrated answers, but is not ready", async () => {
    const empty = await neverMigratedDatabase("empty");
    cleanups.push(empty.remove);
    const url = empty.url;
    expect(await assessReadiness({ db: clientFor(url), expected })).toEqual({ ready: false, database: "ok", migrations: "pending" });
  });

  it("a database that cannot be reached is down: PostgreSQL on a closed port, SQLite in a missing directory", async () => {
    const port = await closedPort();
    expect(await assessReadiness({ db: clientFor(`postgresql://postgres@127.0.0.1:${port}/ita`), expected })).toEqual({
      ready: false,
      database: "down",
      migrations: "unknown",
    });
    expect(await assessReadiness({ db: clientFor(`file:${path.join(os.tmpdir(), "no-such-dir-ita", "x", "ita.db")}`), expected })).toEqual({
      ready: false,
      database: "down",
      migrations: "unknown",
    });
  });

  it("a database that never answers (a silent socket) is down after the timeout, not a hung probe", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const started = Date.now();
    expect(await assessReadiness({ db: clientFor(`postgresql://postgres@127.0.0.1:${port}/ita`), expected, timeoutMs: 300 })).toEqual({
      ready: false,
      database: "down",
      migrations: "unknown",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
});
