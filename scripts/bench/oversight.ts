// Benchmark for issue #6 (docs/benchmarks.md): on a database seeded by `npm run seed:national`,
//   1. a full national re-score: every agency scored from tallies, daily counts and OIT scores
//      (getCycleOverview, the work behind the national overview and exports), repeated;
//   2. the national overview's first page over HTTP on the production build, signed in as the
//      national assessor: the first request after start-up (warm-up may still be running) and
//      then repeated requests, plus a filtered/sorted page and a province coordinator's page.
// Usage:
//   DATABASE_URL=file:./data/national.db npx tsx scripts/bench/oversight.ts
//   DATABASE_URL=postgresql://…/ita_national npx tsx scripts/bench/oversight.ts
// It starts its own server (scripts/serve.js, NODE_ENV=production) on BENCH_PORT (default 3290).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

process.env.DATABASE_URL ??= "file:./data/national.db";
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const base = `http://127.0.0.1:${PORT}`;

const { prisma } = await import("~/db.server");
const { getCurrentCycle, getCycleRuleset } = await import("~/models/cycle.server");
const { getCycleOverview } = await import("~/models/overview.server");
const { createAdminSession } = await import("~/models/admin-session.server");

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { min: sorted[0], median: pick(0.5), max: sorted[sorted.length - 1] };
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

const cycle = await getCurrentCycle();
if (!cycle) throw new Error("No cycle: run `npm run seed:national` first");
const ruleset = getCycleRuleset(cycle);
const counts = {
  agencies: await prisma.agency.count(),
  responses: await prisma.response.count(),
  oitScores: await prisma.oitScore.count(),
};
console.log(`database: ${process.env.DATABASE_URL!.replace(/\/\/[^@]*@/, "//…@")}`);
console.log(`data: ${counts.agencies} agencies, ${counts.responses.toLocaleString("en")} responses, ${counts.oitScores.toLocaleString("en")} OIT rows`);

// 1. National re-score, in this process (no HTTP).
const rescore: number[] = [];
let scored = 0;
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const rows = await getCycleOverview({ all: true }, cycle, ruleset);
  rescore.push(performance.now() - started);
  scored = rows.length;
}
const rescoreStats = stats(rescore);
console.log(
  `national re-score of ${scored} agencies: median ${ms(rescoreStats.median)} (min ${ms(rescoreStats.min)}, max ${ms(rescoreStats.max)}, ${RUNS} runs; first run ${ms(rescore[0])})`,
);

// 2. The page over HTTP. Sessions are made directly (as the login would) for the seeded assessor
// and province coordinator, so the benchmark needs no password.
const userId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
const assessorToken = await createAdminSession(await userId("assessor@demo.ita.local"), true);
const coordinatorToken = await createAdminSession(await userId("province@demo.ita.local"), true);
await prisma.$disconnect();

const server = spawn(process.execPath, ["scripts/serve.js"], {
  // Production build and React; DEMO_MODE only so no SMS gateway is needed to start.
  env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "true", PORT: String(PORT), APP_SECRET: process.env.APP_SECRET ?? randomBytes(32).toString("hex") },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stderr.on("data", () => {});
const started = Date.now();
for (;;) {
  try {
    if ((await fetch(`${base}/`)).status < 500) break;
  } catch {}
  if (Date.now() - started > 60_000) throw new Error("server did not start");
  await sleep(50);
}

const { adminCookie } = await import("~/services/admin-guard.server");
const timePage = async (path: string, token: string) => {
  const cookie = await adminCookie.serialize(token);
  const t0 = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { Cookie: cookie.split(";")[0] } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
  return { ms: performance.now() - t0, bytes: body.length };
};
try {
  const first = await timePage("/admin", assessorToken);
  console.log(`national overview, first request after start: ${ms(first.ms)} (${(first.bytes / 1024).toFixed(0)} KB of HTML)`);
  await sleep(3000); // the start-up warm-up has finished by now
  for (const [label, path, token] of [
    ["national overview, first page", "/admin", assessorToken],
    ["national overview, at risk sorted by EIT-1 %", "/admin?show=attention&sort=eit1&dir=asc", assessorToken],
    ["national overview, search 'อบต. หนอง' page 2", `/admin?q=${encodeURIComponent("อบต. หนอง")}&page=2`, assessorToken],
    ["province coordinator (Sakon Nakhon, computed fresh)", "/admin", coordinatorToken],
    ["national overview, forced recompute (?refresh=1)", "/admin?refresh=1", assessorToken],
  ] as const) {
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) samples.push((await timePage(path, token)).ms);
    const s = stats(samples);
    console.log(`${label}: median ${ms(s.median)} (min ${ms(s.min)}, max ${ms(s.max)}, ${RUNS} runs)`);
  }
} finally {
  server.kill();
}
