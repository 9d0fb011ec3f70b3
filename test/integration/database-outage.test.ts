// A database outage becomes a 503 where database errors surface (app/db.server.ts), so loaders and
// actions need no wrapper: a query, a raw query and a transaction on a database that cannot be
// opened all throw the 503 that GeneralErrorBoundary shows as "please try again".
import fs from "node:fs";
import os from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { outagesAs503, type Db } from "~/db.server";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client";
import { isDatabaseUnavailable, isOutageResponse, outageAs503 } from "~/utils/database-unavailable.server";
import { sqliteAdapter } from "~/utils/db-adapters.server";

const dir = fs.mkdtempSync(`${os.tmpdir()}/ita-outage-`);
// A folder where the database file should be: SQLite cannot open it (SQLITE_CANTOPEN).
const broken = outagesAs503(new SqliteClient({ adapter: sqliteAdapter(dir) }));
afterAll(async () => {
  await broken.$disconnect().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

async function thrown(work: (db: Db) => Promise<unknown>): Promise<unknown> {
  try {
    await work(broken);
  } catch (error) {
    return error;
  }
  throw new Error("expected the database call to fail");
}

describe("a database outage is a 503 where it surfaces", () => {
  it("a model query, a raw query and both kinds of transaction throw the 503", async () => {
    const errors = [
      await thrown((db) => db.agency.findMany()),
      await thrown((db) => db.$queryRawUnsafe("SELECT 1")),
      await thrown((db) => db.$transaction(async (tx) => tx.agency.count())),
      await thrown((db) => db.$transaction([db.agency.count()])),
    ];
    for (const error of errors) {
      expect(isOutageResponse(error)).toBe(true);
      expect(error).toMatchObject({ data: "database unavailable", init: { status: 503 } });
      expect(isDatabaseUnavailable(error)).toBe(true); // the survey pages' own handling still sees it
    }
  });

  it("other errors pass through unchanged", () => {
    const bug = new TypeError("x is undefined");
    expect(outageAs503(bug)).toBe(bug);
    const unique = Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
    expect(outageAs503(unique)).toBe(unique);
    const notFound = new Response("no", { status: 404 });
    expect(outageAs503(notFound)).toBe(notFound);
  });
});
