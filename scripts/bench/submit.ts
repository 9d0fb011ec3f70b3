// Durable submit throughput (issue #8, first figures; docs/benchmarks.md). Drives the real HTTP
// submit path of the IIT survey (POST /iit/survey with a valid survey session prepared in advance)
// with autocannon at several connection counts, on the production build, and checks that every
// acknowledgement (303/302 to the thank-you page) is a row and every row an acknowledgement.
// For scale it measures two floors on the same disk, with SQLite synchronous=FULL:
//   raw  — a loop of durable single-row INSERT transactions with better-sqlite3;
//   bare — a node:http handler doing the same INSERT per request, driven by the same autocannon.
// Usage: npx tsx scripts/bench/submit.ts [--connections 50,200,500] [--requests N] [--seconds 10]
//   [--rate R]: also drive each connection count paced at R requests/s in all, for 10 s — the
//   latency a given rush gets; the closed loops above measure the most the server can take.
//   [--instances N] (PostgreSQL, issue 18): in one run, the same levels against one instance and
//   then against N instances over the same database (load split evenly), both printed.
//   [--server-root DIR]: start DIR/scripts/serve.js instead of this checkout's (a patched build of
//   scripts/bench/variants.ts, for scripts/bench/checkpoint-cost.ts); [--no-floors]: skip part 2.
//   [--switch-ms MS] (with a --server-root of variant "switchable"): during each level the WAL
//   checkpoints go off and on every MS ms (SIGUSR2), in the order on off off on on off …, and the
//   acknowledgements are counted per window after its first SETTLE_MS: the same process, database
//   and moment of the machine for both, so the ratio per pair of windows is not the machine's
//   swing between runs. Prints the median ratio (on ÷ off) with its quartiles.
// (its own SQLite file under data/bench/; DATABASE_URL=postgresql://… for PostgreSQL — no floors;
// with --instances and no PostgreSQL DATABASE_URL, a throwaway database on TEST_POSTGRES_URL's
// server, default the local one on 5432, dropped at the end).
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freshPostgresDatabase } from "../../test/reliability/fleet";
import { prepareBenchDatabase } from "./bench-database";
import Database from "better-sqlite3";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50,200,500" },
    requests: { type: "string", default: "" },
    instances: { type: "string", default: "1" },
    agencies: { type: "string", default: "1" },
    rate: { type: "string", default: "" },
    "server-root": { type: "string", default: "." },
    "no-floors": { type: "boolean", default: false },
    "switch-ms": { type: "string", default: "" },
  },
});
// --agencies N: the submits spread round-robin over N agencies (1 = the worst case: one hot tally row).
const AGENCIES = Number(args.agencies);
// --instances N: the levels run against one instance, then N app processes (ports BENCH_PORT + 10,
// + 11, …) on the same PostgreSQL, load split evenly — one run, so both figures share the machine's state.
const INSTANCES = Number(args.instances);
if (!Number.isInteger(INSTANCES) || INSTANCES < 1) throw new Error("--instances must be a whole number ≥ 1");
const FLEETS = INSTANCES > 1 ? [1, INSTANCES] : [1];
const SECONDS = Number(args.seconds); // the raw floor's loop
// A fixed number of requests per level (not a duration), so every acknowledgement is counted.
const amountFor = (connections: number) => (args.requests ? Number(args.requests) : Math.max(2000, connections * 20));
const WARM_UP = 1000; // requests before the measured levels (JIT, caches, connections), not reported
const CONNECTIONS = args.connections.split(",").map(Number);
const RATE = args.rate ? Number(args.rate) : null;
const PACED_SECONDS = 10;
const PORT = Number(process.env.BENCH_PORT ?? 3291);
const benchDir = path.resolve("data/bench");
const ownDatabase = INSTANCES > 1 && !/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "") ? await freshPostgresDatabase("bench") : null;
if (ownDatabase) process.env.DATABASE_URL = ownDatabase.url;
prepareBenchDatabase(path.join(benchDir, "submit.db"), { keepUrl: true });

const { ita2568 } = await import("~/domain/rulesets/ita-2568");
const { dbTarget, prisma } = await import("~/db.server");
const { createAgency, registerAgencyForCycle } = await import("~/models/agency.server");
const { createCycle, getCycleByFiscalYear } = await import("~/models/cycle.server");
const { sha256, randomToken } = await import("~/utils/crypto.server");
const { surveyCookie } = await import("~/services/survey-cookies.server");
const { openWindows, randomAnswers, seededRandom } = await import("../../prisma/factories");

// ───── the agency and enough prepared sessions ─────
const now = Date.now();
const cycle = (await getCycleByFiscalYear(ita2568.meta.fiscalYear)) ?? (await createCycle(ita2568, openWindows()));
const agencies: Awaited<ReturnType<typeof createAgency>>[] = [];
for (let i = 0; i < AGENCIES; i++) {
  const agency = await createAgency({ slug: `bench-${randomToken(4).toLowerCase()}`, nameTh: "หน่วยงานทดสอบภาระ", nameEn: "Load-test agency", kind: "other" });
  await registerAgencyForCycle({ agencyId: agency.id, cycleId: cycle.id, internalPopulation: 10_000_000, externalPopulation: 1000 });
  agencies.push(agency);
}

const expected =
  FLEETS.length * (WARM_UP + CONNECTIONS.reduce((sum, connections) => sum + amountFor(connections), 0)) +
  (RATE && INSTANCES === 1 ? CONNECTIONS.length * RATE * PACED_SECONDS : 0);
const tokens: string[] = [];
const expiresAt = new Date(now + 30 * 60_000);
for (let made = 0; made < expected; made += 5000) {
  const batch = Array.from({ length: Math.min(5000, expected - made) }, () => randomToken(32));
  tokens.push(...batch);
  await prisma.surveySession.createMany({
    data: batch.map((token, i) => ({
      id: sha256(token),
      agencyId: agencies[(made + i) % AGENCIES].id,
      cycleId: cycle.id,
      instrument: "iit" as const,
      screening: JSON.stringify({ position: "staff", tenure: "yes" }),
      expiresAt,
    })),
  });
}
const random = seededRandom(8);
const bodies = Array.from({ length: 200 }, () => {
  const answers = Object.entries(randomAnswers(ita2568, "iit", random)).map(([key, value]) => `${encodeURIComponent(key)}=${value}`);
  return answers.join("&");
});
const cookies = await Promise.all(tokens.map(async (token) => (await surveyCookie.serialize(token)).split(";")[0]));
console.log(
  `database: ${dbTarget.provider}${dbTarget.provider === "sqlite" ? ` (${path.relative(process.cwd(), dbTarget.file)}, synchronous=FULL)` : ""}; ${tokens.length} prepared sessions over ${AGENCIES} agenc${AGENCIES === 1 ? "y" : "ies"}`,
);

// steadyP99: the p99 of requests sent once every connection had its first answer — the load as a
// reverse proxy's kept-alive connections give it (README, Operations), without the opening burst
// of new connections that Node 20 accepts one per event-loop turn (decision 007).
type Result = {
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  steadyP99: number;
  errors: number;
  non2xx: number;
  acks: number;
};
function report(result: Result) {
  console.log(
    `${result.label.padEnd(32)} ${String(Math.round(result.rps)).padStart(6)} req/s  p50 ${String(result.p50).padStart(4)} ms  p95 ${String(result.p95).padStart(4)} ms  p99 ${String(result.p99).padStart(4)} ms  steady p99 ${String(result.steadyP99).padStart(4)} ms  acks ${result.acks}  errors ${result.errors}  unexpected ${result.non2xx}`,
  );
}

/** The q-quantile of `values` in whole ms (NaN when empty). Sorts `values`. */
function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  values.sort((a, b) => a - b);
  return Math.round(values[Math.min(values.length - 1, Math.floor(values.length * q))]);
}

/** When every acknowledgement of the app came (performance.now()), for --switch-ms. */
const ackTimes: number[] = [];
const SWITCH_MS = args["switch-ms"] ? Number(args["switch-ms"]) : null;
const SETTLE_MS = 500;

/**
 * Runs `level` while switching the server's checkpoints (variant "switchable") every SWITCH_MS, then
 * the ratio of the acknowledgement rates, checkpoints on ÷ off, per pair of windows.
 */
async function switching<T>(server: ReturnType<typeof spawn>, level: () => Promise<T>): Promise<T> {
  const pattern = [false, true, true, false]; // off? per window: on off off on, repeated
  const windows: { start: number; off: boolean }[] = [{ start: performance.now(), off: false }];
  const first = ackTimes.length;
  const timer = setInterval(() => {
    const off = pattern[windows.length % 4];
    if (off !== windows[windows.length - 1].off) server.kill("SIGUSR2");
    windows.push({ start: performance.now(), off });
  }, SWITCH_MS!);
  const result = await level();
  clearInterval(timer);
  if (windows.length % 2 === 1) windows.pop(); // the last pair unfinished: its window ends with the level
  const times = ackTimes.slice(first);
  const end = times.reduce((latest, t) => Math.max(latest, t), 0); // not Math.max(...times): 200,000 arguments overflow the stack
  const rate = (w: number) => {
    const from = windows[w].start + SETTLE_MS;
    const to = windows[w + 1]?.start ?? end;
    return times.filter((t) => t >= from && t < to).length / ((to - from) / 1000);
  };
  const ratios: number[] = [];
  for (let w = 0; w + 1 < windows.length - 1; w += 2) {
    const [on, off] = windows[w].off ? [rate(w + 1), rate(w)] : [rate(w), rate(w + 1)];
    if (off > 0) ratios.push(on / off);
  }
  // Pooled over all pairs (rate-weighted: a stalled window weighs less than in the median), with a
  // bootstrap over the pairs for its 95 % interval.
  const pairs: [number, number][] = [];
  for (let w = 0; w + 1 < windows.length - 1; w += 2) pairs.push(windows[w].off ? [rate(w + 1), rate(w)] : [rate(w), rate(w + 1)]);
  const pooled = (sample: [number, number][]) => sample.reduce((sum, [on]) => sum + on, 0) / sample.reduce((sum, [, off]) => sum + off, 0);
  const boots = Array.from({ length: 4000 }, () => pooled(pairs.map(() => pairs[Math.floor(Math.random() * pairs.length)]))).sort((a, b) => a - b);
  ratios.sort((a, b) => a - b);
  const q = (p: number) => ratios[Math.min(ratios.length - 1, Math.floor(ratios.length * p))];
  const rates = windows.slice(0, -1).map((w, i) => `${w.off ? "off" : "on"} ${Math.round(rate(i))}`);
  console.log(`switching every ${SWITCH_MS} ms: ${rates.join(", ")}`);
  console.log(
    `checkpoints on ÷ off, ${ratios.length} pairs of windows: median ${q(0.5).toFixed(3)} (quartiles ${q(0.25).toFixed(3)}–${q(0.75).toFixed(3)}, range ${ratios[0].toFixed(3)}–${ratios[ratios.length - 1].toFixed(3)}); pooled ${pooled(pairs).toFixed(3)} (95 % bootstrap ${boots[100].toFixed(3)}–${boots[3900].toFixed(3)})`,
  );
  return result;
}

async function drive(
  label: string,
  url: string,
  connections: number,
  amount: number,
  request: () => { path: string; headers: Record<string, string>; body: string } | null,
  isAck: (status: number, location: string | undefined) => boolean,
): Promise<Result> {
  let acks = 0;
  let unexpected = 0;
  let lastResponseAt = 0;
  const instance = autocannon({
    url,
    connections,
    amount,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const next = request();
          if (!next) return req; // out of prepared sessions: the request is refused (counted)
          return { ...req, path: next.path, headers: { ...req.headers, ...next.headers }, body: next.body };
        },
        onResponse: (status, _body, _context, headers) => {
          lastResponseAt = performance.now();
          const location = (headers as Record<string, string | undefined> | undefined)?.location;
          if (isAck(status, location)) {
            acks++;
            ackTimes.push(lastResponseAt);
          } else unexpected++;
        },
      },
    ],
  });
  // Percentiles from every response's latency (autocannon's own histogram has no p95).
  const answered = new Set<unknown>();
  let steadyFrom = Infinity;
  const latencies: number[] = [];
  const steadyLatencies: number[] = [];
  (instance as unknown as import("node:events").EventEmitter).on("response", (client: unknown, _status: number, _bytes: number, latency: number) => {
    const now = performance.now();
    latencies.push(latency);
    if (now - latency >= steadyFrom) steadyLatencies.push(latency);
    if (steadyFrom === Infinity && answered.add(client).size === connections) steadyFrom = now;
  });
  const started = performance.now();
  lastResponseAt = started;
  const result = await instance;
  // Up to the last response: autocannon ends a fixed amount on its next 1-second tick, so neither
  // its own duration nor the time until it resolves is the load's.
  const seconds = (lastResponseAt - started) / 1000;
  return {
    label,
    requests: result.requests.total,
    rps: (acks + unexpected) / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    steadyP99: percentile(steadyLatencies, 0.99),
    errors: result.errors + result.timeouts,
    non2xx: unexpected,
    acks,
  };
}

// ───── 1. the app ─────
if (INSTANCES > 1 && dbTarget.provider !== "postgres") throw new Error("--instances > 1 needs PostgreSQL (SQLite's writer lock is per process)");
/** One instance listens on BENCH_PORT (3291); a fleet of N on BENCH_PORT + 10 … + 10 + N − 1. */
const portsFor = (instances: number) => (instances === 1 ? [PORT] : Array.from({ length: instances }, (_, i) => PORT + 10 + i));
async function startServers(ports: number[]) {
  const servers = ports.map((port) =>
    spawn(
      process.execPath,
      [
        ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        path.join(args["server-root"], "scripts/serve.js"),
      ],
      {
        env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "true", PORT: String(port), SLOW_QUERY_MS: "100000" },
        // BENCH_SERVER_LOG=<file> keeps the access log (server-side time of every request).
        stdio: [
          "ignore",
          process.env.BENCH_SERVER_LOG ? fs.openSync(`${process.env.BENCH_SERVER_LOG}${port === PORT ? "" : `.${port}`}`, "w") : "ignore",
          "inherit",
        ],
      },
    ),
  );
  for (const port of ports) {
    for (let tries = 0; ; tries++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {}
      if (tries > 600) throw new Error("server did not start");
      await sleep(50);
    }
  }
  return servers;
}
async function stopServers(servers: ReturnType<typeof spawn>[]) {
  for (const server of servers) {
    if (server.exitCode !== null || server.signalCode !== null) continue;
    server.kill();
    await new Promise((resolve) => server.once("exit", resolve));
  }
}
/** One level of load, split evenly over the instances; the figures are summed (latency: the worst). */
async function driveApp(ports: number[], label: string, connections: number, amount: number): Promise<Result> {
  const parts = await Promise.all(
    ports.map((port) =>
      drive(label, `http://127.0.0.1:${port}`, Math.ceil(connections / ports.length), Math.ceil(amount / ports.length), submitRequest, isThanks),
    ),
  );
  const sum = (pick: (result: Result) => number) => parts.reduce((total, result) => total + pick(result), 0);
  const worst = (pick: (result: Result) => number) => Math.max(...parts.map(pick));
  return {
    label,
    requests: sum((r) => r.requests),
    rps: sum((r) => r.rps),
    p50: worst((r) => r.p50),
    p95: worst((r) => r.p95),
    p99: worst((r) => r.p99),
    steadyP99: worst((r) => r.steadyP99),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    acks: sum((r) => r.acks),
  };
}
/**
 * An open loop: `rate` submits/s in all, at random (Poisson) moments, each on one of `connections`
 * kept-alive connections in turn (a busy connection queues it, as a phone would wait). Latency is
 * counted from the moment the request was due, so a stalled server cannot hide its own backlog.
 */
async function driveOpenLoop(label: string, port: number, connections: number, rate: number, seconds: number): Promise<Result> {
  const agents = Array.from({ length: connections }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const latencies: number[] = [];
  let acks = 0;
  let unexpected = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let due = started;
  for (let i = 0; i < Math.round(rate * seconds); i++) {
    due += (-Math.log(1 - Math.random()) * 1000) / rate;
    if (due - performance.now() >= 1) await sleep(due - performance.now());
    const submit = submitRequest();
    if (!submit) break;
    const dueAt = due;
    pending.push(
      new Promise<void>((resolve) => {
        const request = http.request(
          { agent: agents[i % connections], host: "127.0.0.1", port, method: "POST", path: submit.path, headers: submit.headers },
          (response) => {
            response.resume().on("end", () => {
              latencies.push(performance.now() - dueAt);
              if (isThanks(response.statusCode ?? 0, response.headers.location)) acks++;
              else unexpected++;
              resolve();
            });
          },
        );
        request.on("error", () => {
          errors++;
          resolve();
        });
        request.end(submit.body);
      }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  return {
    label,
    requests: latencies.length + errors,
    rps: (acks + unexpected) / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    steadyP99: NaN,
    errors,
    non2xx: unexpected,
    acks,
  };
}
let next = 0;
const results: Result[] = [];
const submitRequest = () => {
  if (next >= tokens.length) return null;
  const index = next++;
  return {
    path: "/iit/survey",
    headers: { cookie: cookies[index], "content-type": "application/x-www-form-urlencoded" },
    body: `submissionKey=${randomToken(16)}&${bodies[index % bodies.length]}`,
  };
};
const isThanks = (status: number, location: string | undefined) => (status === 302 || status === 303) && (location ?? "").includes("/iit/thanks");
/** The closed-loop levels of each fleet size, for the comparison at the end. */
const byFleet = new Map<number, Result[]>();
for (const instances of FLEETS) {
  const ports = portsFor(instances);
  const servers = await startServers(ports);
  try {
    results.push(await driveApp(ports, "warm-up", 50, WARM_UP));
    for (const connections of CONNECTIONS) {
      const level = () => driveApp(ports, `app${instances > 1 ? ` ×${instances}` : ""}, ${connections} connections`, connections, amountFor(connections));
      const result = SWITCH_MS ? await switching(servers[0], level) : await level();
      results.push(result);
      byFleet.set(instances, [...(byFleet.get(instances) ?? []), result]);
      report(result);
    }
    for (const connections of RATE && INSTANCES === 1 ? CONNECTIONS : []) {
      const result = await driveOpenLoop(`app, ${connections} conns, ${RATE}/s open`, PORT, connections, RATE!, PACED_SECONDS);
      results.push(result);
      report(result);
    }
  } finally {
    await stopServers(servers);
  }
}
if (INSTANCES > 1) {
  CONNECTIONS.forEach((connections, level) => {
    const one = byFleet.get(1)![level];
    const many = byFleet.get(INSTANCES)![level];
    console.log(
      `${connections} connections: 1 instance ${Math.round(one.rps)} submits/s, ${INSTANCES} instances ${Math.round(many.rps)} submits/s (× ${(many.rps / one.rps).toFixed(2)})`,
    );
  });
}
const acknowledged = results.reduce((sum, result) => sum + result.acks, 0);
const agencyIds = agencies.map((agency) => agency.id);
const rows = await prisma.response.count({ where: { agencyId: { in: agencyIds } } });
const tallies = await prisma.responseTally.aggregate({
  where: { agencyId: { in: agencyIds }, cycleId: cycle.id, instrument: "iit" },
  _sum: { responses: true },
});
const tally = tallies._sum.responses ?? 0;
console.log(`acknowledged ${acknowledged} · rows ${rows} · tally ${tally} → ${acknowledged === rows && rows === tally ? "equal" : "MISMATCH"}`);
await prisma.$disconnect();
await ownDatabase?.drop();

// ───── 2. the floors (SQLite only) ─────
if (dbTarget.provider === "sqlite" && !args["no-floors"]) {
  const floorFile = path.join(benchDir, "floor.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${floorFile}${suffix}`, { force: true });
  const db = new Database(floorFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(`CREATE TABLE r (id TEXT PRIMARY KEY, answers TEXT NOT NULL) WITHOUT ROWID`);
  const insert = db.prepare("INSERT INTO r (id, answers) VALUES (?, ?)");
  const one = db.transaction((id: string, answers: string) => insert.run(id, answers));
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < SECONDS * 1000) {
    one(randomToken(16), bodies[done % bodies.length]);
    done++;
  }
  console.log(
    `${"raw floor: better-sqlite3 loop".padEnd(32)} ${String(Math.round(done / ((performance.now() - started) / 1000))).padStart(6)} durable single-row transactions/s`,
  );

  const bare = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      one(randomToken(16), body);
      response.writeHead(303, { location: "/thanks" }).end();
    });
  });
  await new Promise<void>((resolve) => bare.listen(PORT + 1, "127.0.0.1", resolve));
  for (const connections of CONNECTIONS) {
    const result = await drive(
      `bare node:http, ${connections} conns`,
      `http://127.0.0.1:${PORT + 1}`,
      connections,
      connections * 100,
      () => ({ path: "/", headers: { "content-type": "application/x-www-form-urlencoded" }, body: bodies[0] }),
      (status) => status === 303,
    );
    report(result);
    const app = results.find((entry) => entry.label.endsWith(`, ${connections} connections`));
    if (app) console.log(`  app ÷ bare at ${connections}: ${(app.rps / result.rps).toFixed(2)}`);
  }
  bare.close();
  db.close();
}
