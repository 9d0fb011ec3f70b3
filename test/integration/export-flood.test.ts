// Issue 19, attack M8: 200 province XLSX exports, 32 at a time, each built its own workbook and
// citizen pages took up to 4.3 s. Exports are now shared per (scope, cycle, format, data version),
// cached briefly, and at most EXPORT_BUILDS_AT_ONCE are built at once (docs/decisions/016). Builds
// are counted by the service's own counter; the page latency is measured by
// scripts/bench/export-flood.ts, not asserted here.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dbTarget } from "~/db.server";
import { EXPORT_BUILDS_AT_ONCE, EXPORT_QUEUE_LIMIT, exportBuildStats, resetExportBuilds, withExportBuildSlot } from "~/services/export-builds.server";
import { openCycle } from "../fixtures/db";
import { addResponses, agency, exportFile, newProvince, signedIn } from "../fixtures/oversight";

const world = {} as { cookie: string; provinceSlug: string; agencyIds: string[]; agencySlugs: string[]; cycleId: string };

beforeAll(async () => {
  const cycle = await openCycle();
  const province = await newProvince("จังหวัดส่งออกพร้อมกัน", "Export flood province");
  const agencies = [];
  // Enough agencies that their distinct exports overrun the bound and the queue.
  for (let i = 0; i < 12; i++) agencies.push(await agency({ provinceId: province.id, internalPopulation: 40, externalPopulation: 30 }));
  await addResponses({ agencyId: agencies[0].agency.id, cycleId: cycle.id }, { iit: 6, eit1: 4 }, { seed: 3 });
  Object.assign(world, {
    cookie: (await signedIn({ role: "national_assessor" })).cookie,
    provinceSlug: province.slug,
    agencyIds: agencies.map((a) => a.agency.id),
    agencySlugs: agencies.map((a) => a.agency.slug),
    cycleId: cycle.id,
  });
}, 120_000);

beforeEach(() => resetExportBuilds());

describe(`export flood: shared, cached and bounded builds (${dbTarget.provider})`, () => {
  it("40 parallel identical province XLSX requests → one build, the same file for all", async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, () => exportFile(world.cookie, `province:${world.provinceSlug}`, "xlsx")));
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(exportBuildStats.builds).toBe(1);
    expect(new Set(replies.map((r) => r.headers.get("X-Source-SHA256"))).size).toBe(1);
    expect(new Set(replies.map((r) => Buffer.from(r.bytes!).toString("base64"))).size).toBe(1);
    // A moment later, from the cache: still one build.
    expect((await exportFile(world.cookie, `province:${world.provinceSlug}`, "xlsx")).status).toBe(200);
    expect(exportBuildStats.builds).toBe(1);
  });

  it("a new response is a new data version → a new build", async () => {
    const first = await exportFile(world.cookie, `province:${world.provinceSlug}`, "csv");
    expect(exportBuildStats.builds).toBe(1);
    await addResponses({ agencyId: world.agencyIds[1], cycleId: world.cycleId }, { iit: 1 }, { seed: 4 });
    const second = await exportFile(world.cookie, `province:${world.provinceSlug}`, "csv");
    expect(exportBuildStats.builds).toBe(2);
    expect(second.text).not.toBe(first.text);
  });

  it(`more distinct exports than the bound: at most ${EXPORT_BUILDS_AT_ONCE} built at once, each built once`, async () => {
    const scopes = world.agencySlugs.slice(0, 12).map((slug) => `agency:${slug}`);
    const replies = await Promise.all(scopes.map((scope) => exportFile(world.cookie, scope, "xlsx")));
    expect(replies.map((r) => r.status)).toEqual(Array(scopes.length).fill(200));
    expect(exportBuildStats.builds).toBe(scopes.length);
    expect(exportBuildStats.maxBuilding).toBeGreaterThan(0);
    expect(exportBuildStats.maxBuilding).toBeLessThanOrEqual(EXPORT_BUILDS_AT_ONCE);
    expect(exportBuildStats.maxRunning).toBeLessThanOrEqual(EXPORT_BUILDS_AT_ONCE);
  });

  it("beyond the queue: 503 with Retry-After, nothing built", async () => {
    // The bound's slots and its whole queue held by builds that have not finished.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: EXPORT_BUILDS_AT_ONCE + EXPORT_QUEUE_LIMIT }, () => withExportBuildSlot(() => held));
    const refused = await exportFile(world.cookie, `province:${world.provinceSlug}`, "xlsx");
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(String(refused.body)).toContain("Too many exports");
    expect(exportBuildStats.builds).toBe(0);
    release();
    await Promise.all(holders);
    expect((await exportFile(world.cookie, `province:${world.provinceSlug}`, "xlsx")).status).toBe(200);
  });
});
