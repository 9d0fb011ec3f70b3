// Benchmark for issue 20 §1 (docs/benchmarks.md → "Public results under a spike"): requests per
// second for /results/<year>, an agency's public page and the static home page, in one run, against
// the production build (scripts/serve.js, NODE_ENV=production), each with and without the
// browser's If-None-Match (a revalidation answered 304 with no body).
// Usage (on a database with a published year: `npm start` once, or the demo seed):
//   DATABASE_URL=file:./data/ita.db npx tsx scripts/bench/public-results.ts
// Settings: BENCH_PORT (3291), BENCH_SECONDS per case (5), BENCH_CONNECTIONS (50).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";

process.env.DATABASE_URL ??= "file:./data/ita.db";
const PORT = Number(process.env.BENCH_PORT ?? 3291);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const base = `http://127.0.0.1:${PORT}`;

const server = spawn(process.execPath, ["scripts/serve.js"], {
  stdio: ["ignore", "ignore", "pipe"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    DEMO_MODE: "true",
    HOST: "127.0.0.1",
    PORT: String(PORT),
    APP_SECRET: process.env.APP_SECRET ?? randomBytes(32).toString("hex"),
  },
});
server.stderr.on("data", () => {});
try {
  const started = Date.now();
  for (;;) {
    if (Date.now() - started > 60_000) throw new Error("server did not start");
    if (
      await fetch(`${base}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    await sleep(200);
  }
  const first = await fetch(`${base}/results`, { redirect: "manual" });
  const yearPath = first.headers.get("Location");
  if (!yearPath) throw new Error("no published year: seed a database with published results first");
  const year = yearPath.split("/").pop()!;
  const json = (await (await fetch(`${base}/results/${year}.json`)).json()) as { rows: { agency_slug: string }[] };
  const agencyPath = `/results/${year}/agency/${json.rows[0].agency_slug}`;
  console.log(`database: ${process.env.DATABASE_URL!.replace(/\/\/[^@]*@/, "//…@")}; fiscal year ${year}, ${json.rows.length} published agencies`);
  console.log(`${CONNECTIONS} connections, ${SECONDS} s per case, one process on this machine`);

  const cases: [string, string][] = [
    ["home page (static, no-store)", "/"],
    ["/results/<year>", yearPath],
    ["agency page", agencyPath],
    [`/results/${year}.csv`, `/results/${year}.csv`],
  ];
  console.log("| page | requests/s | p50 ms | p99 ms | bytes/request | with If-None-Match: requests/s (304) |");
  console.log("|---|---|---|---|---|---|");
  for (const [name, path] of cases) {
    const etag = (await fetch(`${base}${path}`)).headers.get("ETag");
    const run = (headers: Record<string, string>) =>
      autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: SECONDS, headers: { "Accept-Encoding": "gzip", ...headers } });
    const plain = await run({});
    const revalidated = etag ? await run({ "If-None-Match": etag }) : null;
    const bad = plain.non2xx + (revalidated ? revalidated.requests.total - revalidated["3xx"] : 0);
    console.log(
      `| ${name} | ${plain.requests.average.toFixed(0)} | ${plain.latency.p50} | ${plain.latency.p99} | ${(plain.throughput.average / plain.requests.average).toFixed(0)} | ${revalidated ? revalidated.requests.average.toFixed(0) : "— (no ETag)"} |${bad ? ` ⚠ ${bad} unexpected statuses` : ""}`,
    );
  }
} finally {
  server.kill();
}
