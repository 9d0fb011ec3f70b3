// Attack C1 (issue 19) as a measurement: how long an ordinary page takes while anonymous clients
// flood form posts — five parallel 220 KB, 44,000-key POSTs to the improvement-plan action (no
// cookie), then 16 KB, 2,000-key POSTs to /language at ~30 a second. Prints the page's latency
// (median, p95, max) alone and under each flood.
// Usage: npm run build && npx tsx scripts/bench/form-flood.ts   (its own database under data/bench/)
import { spawn } from "node:child_process";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { prepareBenchDatabase } from "./bench-database";

const PORT = 3294;
const ORIGIN = `http://127.0.0.1:${PORT}`;
prepareBenchDatabase(path.resolve("data/bench/form-flood.db"));
const server = spawn(process.execPath, ["scripts/serve.js"], {
  env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "true", PORT: String(PORT), HOST: "127.0.0.1" },
  stdio: ["ignore", "ignore", "inherit"],
});
process.on("exit", () => server.kill());

async function until(ready: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await ready().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error("the server did not start");
}
await until(async () => (await fetch(`${ORIGIN}/`)).ok);

const keys = (n: number) => Array.from({ length: n }, (_, i) => `${i.toString(36)}=`).join("&");
const headers = { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" };
const planFlood = keys(44_000);
const languageFlood = keys(2_000).slice(0, 16 * 1024 - 1);

// A new connection per page view, as a phone arriving at the counter: no socket shared with the
// flood, and none left idle past the server's keep-alive timeout during a freeze.
function getPage(): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port: PORT, path: "/", agent: false }, (response) => response.resume().on("end", resolve)).on("error", reject);
  });
}

/** The page a citizen opens, timed: 40 sequential GETs of the home page, or as many as 60 s allow. */
async function pageLatencies(): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + 60_000;
  for (let i = 0; i < 40 && performance.now() < until; i++) {
    const started = performance.now();
    await getPage();
    times.push(performance.now() - started);
    await sleep(25);
  }
  return times.sort((a, b) => a - b);
}
const summary = (times: number[]) =>
  `${times.length} views · median ${times[Math.floor(times.length / 2)].toFixed(1)} ms · p95 ${times[Math.floor(times.length * 0.95)].toFixed(1)} ms · max ${times[times.length - 1].toFixed(1)} ms`;

async function flood(path: string, body: string, parallel: number, pauseMs: number, stop: { done: boolean }) {
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (!stop.done) {
        await fetch(`${ORIGIN}${path}`, { method: "POST", body, headers, redirect: "manual" })
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
        if (pauseMs) await sleep(pauseMs);
      }
    }),
  );
}

console.log(`page alone:                         ${summary(await pageLatencies())}`);
for (const [label, path, body, parallel, pause] of [
  ["5 × plan POST, 44,000 keys, no cookie", "/admin/agencies/x/plan", planFlood, 5, 0],
  ["/language POST, 16 KB, ~30/s", "/language", languageFlood, 1, 33],
] as const) {
  const stop = { done: false };
  const running = flood(path, body, parallel, pause, stop);
  await sleep(200);
  console.log(`page during ${label}: ${summary(await pageLatencies())}`);
  stop.done = true;
  await running;
}
server.kill();
process.exit(0);
