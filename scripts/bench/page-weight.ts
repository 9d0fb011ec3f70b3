// Respondent page weight (issue #8): bytes transferred (gzip, as a phone would receive them) for
// the EIT landing page and the IIT and EIT item pages, on the production build, with JavaScript
// (everything the page loads: HTML, CSS, scripts, preloads) and without (HTML + CSS).
// Usage: npm run build && npx tsx scripts/bench/page-weight.ts   (its own database under data/bench/)
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gunzipSync } from "node:zlib";

const PORT = Number(process.env.BENCH_PORT ?? 3293);
const file = path.resolve("data/bench/page-weight.db");
fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET ??= randomBytes(32).toString("hex");
if (spawnSync(process.execPath, ["scripts/db.js", "deploy"], { stdio: ["ignore", "ignore", "inherit"], env: process.env }).status !== 0) process.exit(1);

const { ita2568 } = await import("~/domain/rulesets/ita-2568");
const { prisma } = await import("~/db.server");
const { createAgency, registerAgencyForCycle } = await import("~/models/agency.server");
const { createCycle } = await import("~/models/cycle.server");
const { createSurveySession, saveScreening } = await import("~/models/survey-session.server");
const { sha256 } = await import("~/utils/crypto.server");
const { surveyCookie } = await import("~/services/survey-cookies.server");

const DAY = 86_400_000;
const now = Date.now();
const windows = { opensAt: new Date(now - DAY), closesAt: new Date(now + 30 * DAY) };
const cycle = await createCycle(ita2568, {
  iitOpensAt: windows.opensAt,
  iitClosesAt: windows.closesAt,
  eitOpensAt: windows.opensAt,
  eitClosesAt: windows.closesAt,
  oitOpensAt: windows.opensAt,
  oitClosesAt: windows.closesAt,
});
const agency = await createAgency({
  slug: "rae-subdistrict-municipality",
  nameTh: "เทศบาลตำบลแร่",
  nameEn: "Rae Subdistrict Municipality",
  kind: "local_subdistrict",
});
await registerAgencyForCycle({ agencyId: agency.id, cycleId: cycle.id, internalPopulation: 45, externalPopulation: 400 });
const sessionCookie = async (instrument: "iit" | "eit1", screening: Record<string, string>) => {
  const token = await createSurveySession({ agencyId: agency.id, cycleId: cycle.id, instrument, contactHash: instrument === "eit1" ? sha256("bench") : null });
  await saveScreening(sha256(token), screening);
  return (await surveyCookie.serialize(token)).split(";")[0];
};
const iitCookie = await sessionCookie("iit", { position: "staff", tenure: "yes" });
const eitCookie = await sessionCookie("eit1", {});
await prisma.$disconnect();

const server = spawn(process.execPath, ["scripts/serve.js"], {
  env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "true", PORT: String(PORT) },
  stdio: ["ignore", "ignore", "inherit"],
});

/** Bytes on the wire (gzip accepted, not decoded) and the body as text. */
function get(urlPath: string, cookie = ""): Promise<{ status: number; wire: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port: PORT, path: urlPath, headers: { "accept-encoding": "gzip", cookie } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const raw = Buffer.concat(chunks);
        const text = response.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
        resolve({ status: response.statusCode ?? 0, wire: raw.length + JSON.stringify(response.headers).length, text });
      });
    });
    request.on("error", reject);
  });
}

try {
  for (let tries = 0; ; tries++) {
    try {
      if ((await get("/")).status === 200) break;
    } catch {}
    if (tries > 400) throw new Error("server did not start");
    await sleep(50);
  }
  const pages = [
    ["EIT landing /e/<agency>", `/e/${agency.slug}`, ""],
    ["IIT items /iit/survey", "/iit/survey", iitCookie],
    ["EIT items /e/<agency>/survey", `/e/${agency.slug}/survey`, eitCookie],
  ] as const;
  console.log("page                              HTML     CSS      JS   total with JS   total without JS   target ≤ 150 KB");
  for (const [label, urlPath, cookie] of pages) {
    const page = await get(urlPath, cookie);
    if (page.status !== 200) throw new Error(`${urlPath}: HTTP ${page.status}`);
    const assets = [...new Set([...page.text.matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js))"/g)].map((match) => match[1]))];
    let css = 0;
    let js = 0;
    for (const asset of assets) {
      const { wire } = await get(asset);
      if (asset.endsWith(".css")) css += wire;
      else js += wire;
    }
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const withJs = page.wire + css + js;
    console.log(
      `${label.padEnd(32)} ${kb(page.wire).padStart(8)} ${kb(css).padStart(8)} ${kb(js).padStart(8)} ${kb(withJs).padStart(14)} ${kb(page.wire + css).padStart(18)}   ${withJs <= 150 * 1024 ? "ok" : "OVER"}`,
    );
  }
} finally {
  server.kill();
}
