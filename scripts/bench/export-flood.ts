// Attack M8 (issue 19) as a measurement: how long a citizen page takes while a coordinator's
// browser (or script) asks for the same province XLSX export 200 times, 32 at a time. Prints the
// page's latency (median, p95, p99, max) alone and during the flood, and the exports' own times.
// Usage: npm run build && npx tsx scripts/bench/export-flood.ts [--agencies 120] [--exports 200] [--parallel 32]
// (its own database under data/bench/). For "before", build the commit before the fix and rerun.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { prepareBenchDatabase } from "./bench-database";

const { values: args } = parseArgs({
  options: { agencies: { type: "string", default: "120" }, exports: { type: "string", default: "200" }, parallel: { type: "string", default: "32" } },
});
const PORT = Number(process.env.BENCH_PORT ?? 3295);
const ORIGIN = `http://127.0.0.1:${PORT}`;
prepareBenchDatabase(path.resolve("data/bench/export-flood.db"));

const { ita2568 } = await import("~/domain/rulesets/ita-2568");
const { prisma } = await import("~/db.server");
const { createAgency, createProvince, registerAgencyForCycle } = await import("~/models/agency.server");
const { createCycle, getCycleByFiscalYear } = await import("~/models/cycle.server");
const { recordResponses } = await import("~/models/response.server");
const { createUser } = await import("~/models/user.server");
const { createAdminSession } = await import("~/models/admin-session.server");
const { adminCookie } = await import("~/services/admin-guard.server");
const { randomToken } = await import("~/utils/crypto.server");
const { openWindows, randomAnswers, seededRandom } = await import("../../prisma/factories");

// ───── a province of agencies with responses, and its coordinator ─────
const cycle = (await getCycleByFiscalYear(ita2568.meta.fiscalYear)) ?? (await createCycle(ita2568, openWindows()));
const suffix = randomToken(4).toLowerCase();
const province = await createProvince({ code: `B${suffix}`, slug: `bench-${suffix}`, nameTh: "จังหวัดทดสอบภาระ", nameEn: "Load-test province" });
const random = seededRandom(7);
for (let i = 0; i < Number(args.agencies); i++) {
  const agency = await createAgency({
    slug: `bench-${suffix}-${i}`,
    nameTh: `หน่วยงาน ${i}`,
    nameEn: `Agency ${i}`,
    kind: "local_sao",
    provinceId: province.id,
  });
  await registerAgencyForCycle({ agencyId: agency.id, cycleId: cycle.id, internalPopulation: 60, externalPopulation: 400 });
  await prisma.$transaction(async (tx) => {
    for (const [instrument, n] of [
      ["iit", 20],
      ["eit1", 30],
    ] as const) {
      const batch = Array.from({ length: n }, () => ({ screening: {}, answers: randomAnswers(ita2568, instrument === "iit" ? "iit" : "eit", random, 0.7) }));
      await recordResponses(tx, { agencyId: agency.id, cycleId: cycle.id, instrument, ruleset: ita2568 }, batch);
    }
  });
}
const user = await createUser({
  email: `bench-${suffix}@example.go.th`,
  name: "ผู้ประสานงาน",
  password: "bench password 123",
  scope: { role: "province_coordinator", provinceId: province.id },
});
const cookie = (await adminCookie.serialize(await createAdminSession(user.id, true))).split(";")[0];
const citizenPath = `/e/bench-${suffix}-0`;
await prisma.$disconnect();

const server = spawn(process.execPath, ["scripts/serve.js"], {
  env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "true", PORT: String(PORT), HOST: "127.0.0.1", SLOW_QUERY_MS: "100000" },
  stdio: ["ignore", "ignore", "inherit"],
});
process.on("exit", () => server.kill());
for (let i = 0; ; i++) {
  if (
    await fetch(`${ORIGIN}/`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  if (i > 200) throw new Error("the server did not start");
  await sleep(100);
}

// A new connection per page view, as a phone arriving at the counter.
function timedGet(pathname: string, headers: Record<string, string> = {}): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: PORT, path: pathname, agent: false, headers }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve({ ms: performance.now() - started, status: response.statusCode ?? 0, bytes }));
      })
      .on("error", reject);
  });
}

async function pageLatencies(stop: () => boolean, atLeast = 40): Promise<number[]> {
  const times: number[] = [];
  while (times.length < atLeast || !stop()) {
    times.push((await timedGet(citizenPath)).ms);
    await sleep(25);
    if (times.length > 2000) break;
  }
  return times.sort((a, b) => a - b);
}
const at = (times: number[], q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
const summary = (times: number[]) =>
  `${times.length} views · median ${at(times, 0.5).toFixed(1)} ms · p95 ${at(times, 0.95).toFixed(1)} ms · p99 ${at(times, 0.99).toFixed(1)} ms · max ${times[times.length - 1].toFixed(1)} ms`;

await timedGet(citizenPath); // warm-up
console.log(`citizen page alone:        ${summary(await pageLatencies(() => true))}`);

const total = Number(args.exports);
let next = 0;
let done = false;
const exportTimes: number[] = [];
const statuses = new Map<number, number>();
const started = performance.now();
const flood = Promise.all(
  Array.from({ length: Number(args.parallel) }, async () => {
    while (next < total) {
      next++;
      const result = await timedGet(`/admin/export?scope=province:${province.slug}&format=xlsx`, { cookie });
      exportTimes.push(result.ms);
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
    }
  }),
).then(() => (done = true));
const during = await pageLatencies(() => done);
await flood;
const floodMs = performance.now() - started;
exportTimes.sort((a, b) => a - b);
console.log(`citizen page during flood: ${summary(during)}`);
console.log(
  `exports: ${total} × province XLSX (${args.agencies} agencies), ${args.parallel} in parallel, in ${(floodMs / 1000).toFixed(1)} s · statuses ${JSON.stringify(Object.fromEntries(statuses))} · median ${at(exportTimes, 0.5).toFixed(0)} ms · p99 ${at(exportTimes, 0.99).toFixed(0)} ms`,
);
server.kill();
process.exit(0);
