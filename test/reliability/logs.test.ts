// Issue 18 §5 (docs/decisions/022-logs-and-metrics.md): the server's log and /metrics, through the
// production build (scripts/serve.js). A full IIT journey (code → screening → survey → submit) and
// a full EIT-1 journey (phone → OTP from a real local HTTP SMS gateway → verify → screening →
// survey → submit) run over HTTP like a browser; then the whole log is searched for everything a
// respondent gave or held — answers, the phone in every form, the IIT code, the OTP, cookie values,
// tokens — and none may appear. Every request has a JSON line with its id, route pattern, status
// and duration. /metrics is absent from the public port and, on METRICS_ADDRESS, names every
// metric docs/operations.md documents, with the submits counted and no agency anywhere.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbTarget } from "~/db.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { parseContact } from "~/utils/contact";
import { CookieJar, registeredAgency } from "../fixtures/db";
import { type AppServer, freePort, startApp } from "./app-server";
import { EIT_KEYS, EIT_PASS, IIT_KEYS, IIT_PASS, ROOT, validAnswers } from "./harness";

const GATEWAY_KEY = "gateway-key-for-the-logs-test-0001";
// A number whose digits occur nowhere else: 087-654-3219 in all the forms people and code write it.
const PHONE = "087-654-3219";
const PHONE_FORMS = ["0876543219", "087-654-3219", "087 654 3219", "+66876543219", "66876543219", "876543219", "+66 87 654 3219"];

let server: AppServer;
let metricsPort: number;
let fx: Awaited<ReturnType<typeof registeredAgency>>;
let gateway: http.Server;
const smsTexts: string[] = [];
/** Every secret the journeys handled, by what it is (the log must hold none of them). */
const secrets = new Map<string, string>();
/** X-Request-Id of every answer → the route pattern it must be logged under. */
const answered = new Map<string, string>();
const jar = new CookieJar();

beforeAll(async () => {
  fx = await registeredAgency();
  gateway = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.headers["x-api-key"] === GATEWAY_KEY) smsTexts.push((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text: string }).text);
      res.writeHead(req.headers["x-api-key"] === GATEWAY_KEY ? 200 : 401).end("{}");
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  metricsPort = await freePort();
  server = await startApp({
    port: await freePort(),
    databaseUrl: process.env.DATABASE_URL!,
    env: {
      OTP_TRANSPORT: "http-sms",
      SMS_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as { port: number }).port}/send`,
      SMS_GATEWAY_KEY: GATEWAY_KEY,
      LOG_LEVEL: "info",
      METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
    },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => gateway?.close(resolve));
});

/** One request as the respondent's browser sends it, with the jar's cookies; remembers its id and route. */
async function send(route: string, pathAndQuery: string, form?: Record<string, string>): Promise<Response> {
  const response = await fetch(`${server.url}${pathAndQuery}`, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: {
      cookie: jar.header(),
      ...(form ? { "content-type": "application/x-www-form-urlencoded", origin: server.url } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  jar.absorb(response);
  const id = response.headers.get("X-Request-Id");
  expect(id, `X-Request-Id of ${pathAndQuery}`).toMatch(/^[0-9a-f-]{36}$/);
  answered.set(id!, route);
  for (const header of response.headers.getSetCookie()) {
    const value = header.split(";")[0].split("=").slice(1).join("=");
    if (value) secrets.set(`cookie ${header.split("=")[0]}`, value);
  }
  return response;
}

const hiddenField = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1];
const expectRedirect = (response: Response, to: RegExp) => {
  expect(response.status, `status of the answer that should redirect to ${to}`).toBeGreaterThanOrEqual(300);
  expect(response.status).toBeLessThan(400);
  expect(response.headers.get("location")).toMatch(to);
};

/** Answers with a distinctive shape in a body: "key=value" and the JSON forms a logger would write. */
function answerTraces(answers: Record<string, string>): string[] {
  return Object.entries(answers).flatMap(([key, value]) => [key, `${key}=${value}`, `"${key}":"${value}"`, `"${key}":${value}`]);
}

describe(`the log of a full IIT and EIT-1 journey holds no respondent data (${dbTarget.provider})`, () => {
  it("runs the IIT journey over HTTP: code → screening → survey → submit", async () => {
    secrets.set("IIT code", fx.iitCode);
    secrets.set("IIT code, normalised", fx.iitCode.replace(/-/g, ""));
    await (await send("/iit", "/iit")).text();
    expectRedirect(await send("/iit", "/iit", { code: fx.iitCode.toLowerCase() }), /\/iit\/eligibility$/);
    await (await send("/iit/eligibility", "/iit/eligibility")).text();
    expectRedirect(await send("/iit/eligibility", "/iit/eligibility", IIT_PASS), /\/iit\/survey$/);
    const page = await (await send("/iit/survey", "/iit/survey")).text();
    const submissionKey = hiddenField(page, "submissionKey");
    expect(submissionKey).toBeTruthy();
    secrets.set("IIT submission key", submissionKey!);
    const answers = validAnswers(IIT_KEYS, 3);
    answerTraces(answers).forEach((trace, i) => secrets.set(`IIT answer trace ${i}`, trace));
    answerTraces(IIT_PASS).forEach((trace, i) => secrets.set(`IIT screening trace ${i}`, trace));
    expectRedirect(await send("/iit/survey", "/iit/survey", { submissionKey: submissionKey!, ...answers }), /\/iit\/thanks$/);
    // A retry of the same form (the network dropped the answer): the same response, counted as replayed.
    expectRedirect(await send("/iit/survey", "/iit/survey", { submissionKey: submissionKey!, ...answers }), /\/iit\/thanks$/);
    await (await send("/iit/thanks", "/iit/thanks")).text();
  });

  it("runs the EIT-1 journey over HTTP: phone → OTP by SMS → verify → screening → survey → submit", async () => {
    const slug = fx.agency.slug;
    const contact = parseContact(PHONE, { allowEmail: false });
    if (!contact.ok) throw new Error("the test number is not a valid Thai mobile number");
    PHONE_FORMS.forEach((form, i) => secrets.set(`phone form ${i}`, form));
    secrets.set("contact hash", contactHashForCycle(fx.cycle, contact.contact.canonical));
    const landing = await (await send("/e/:slug", `/e/${slug}`)).text();
    const formToken = hiddenField(landing, "formToken");
    expect(formToken).toBeTruthy();
    secrets.set("form token", formToken!);
    expectRedirect(await send("/e/:slug", `/e/${slug}`, { contact: PHONE, formToken: formToken! }), /\/verify$/);
    for (let tries = 0; smsTexts.length === 0 && tries < 200; tries++) await sleep(50);
    const otp = smsTexts.at(-1)?.match(/\b(\d{6})\b/)?.[1];
    expect(otp, "the OTP the gateway received").toMatch(/^\d{6}$/);
    secrets.set("OTP", otp!);
    await (await send("/e/:slug/verify", `/e/${slug}/verify`)).text();
    expectRedirect(await send("/e/:slug/verify", `/e/${slug}/verify`, { code: otp! }), /\/eligibility$/);
    expectRedirect(await send("/e/:slug/eligibility", `/e/${slug}/eligibility`, EIT_PASS), /\/survey$/);
    const page = await (await send("/e/:slug/survey", `/e/${slug}/survey`)).text();
    const submissionKey = hiddenField(page, "submissionKey");
    expect(submissionKey).toBeTruthy();
    secrets.set("EIT submission key", submissionKey!);
    const answers = validAnswers(EIT_KEYS, 5);
    answerTraces(answers).forEach((trace, i) => secrets.set(`EIT answer trace ${i}`, trace));
    answerTraces(EIT_PASS).forEach((trace, i) => secrets.set(`EIT screening trace ${i}`, trace));
    expectRedirect(await send("/e/:slug/survey", `/e/${slug}/survey`, { submissionKey: submissionKey!, ...answers }), /\/thanks$/);
    await (await send("/e/:slug/thanks", `/e/${slug}/thanks`)).text();
  });

  it("logs a path that holds a token or a query string by its route pattern only", async () => {
    const token = "INVITE-TOKEN-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    secrets.set("invitation token", token);
    secrets.set("password token", `${token}-pw`);
    secrets.set("query string", "typed-by-a-respondent-0876543219");
    await (await send("/admin/invite/:token", `/admin/invite/${token}`)).text();
    await (await send("/admin/password/:token", `/admin/password/${token}-pw`)).text();
    await (await send("/iit", "/iit?note=typed-by-a-respondent-0876543219")).text();
    await (await send("(no route)", `/no/such/page/${token}`)).text();
    // A refused submit (a form this app never served, and no session): counted by reason in /metrics below.
    const refused = await send("/iit/survey", "/iit/survey", { submissionKey: "not-a-key" });
    expect(refused.headers.get("location") ?? "").not.toMatch(/thanks/);
  });

  it("serves /metrics only on METRICS_ADDRESS, with every documented name, the submits counted and no agency", async () => {
    const publicAnswer = await send("(no route)", "/metrics");
    expect(publicAnswer.status).toBe(404);
    expect(await publicAnswer.text()).not.toContain("ita_survey_submits");
    const metricsUrl = `http://127.0.0.1:${metricsPort}`;
    expect((await fetch(`${metricsUrl}/`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/metrics`, { method: "POST" })).status).toBe(404);
    const scrape = await fetch(`${metricsUrl}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await scrape.text();

    const operations = fs.readFileSync(path.join(ROOT, "docs/operations.md"), "utf8");
    // The "Metrics" section of docs/operations.md, up to the next section.
    const start = operations.search(/^## (?:\d+\. )?Metrics\b/m);
    expect(start).toBeGreaterThan(0);
    const rest = operations.slice(start + 3);
    const end = rest.search(/^## /m);
    const section = end === -1 ? rest : rest.slice(0, end);
    const documented = [...new Set([...section.matchAll(/`(ita_[a-z_]+)`/g)].map((m) => m[1]))];
    expect(documented.length).toBeGreaterThanOrEqual(12);
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    // Pools exist on PostgreSQL only (SQLite has one connection and no pool).
    const expected = documented.filter((name) => dbTarget.provider === "postgres" || name !== "ita_db_pool_connections");
    expect(expected.filter((name) => !exposed.has(name))).toEqual([]);
    // …and nothing of ours that is not documented.
    expect([...exposed].filter((name) => name.startsWith("ita_") && !documented.includes(name))).toEqual([]);

    const sample = (name: string, labels: string) => Number(text.match(new RegExp(`^${name}${labels ? `\\{${labels}\\}` : ""} (\\S+)$`, "m"))?.[1] ?? NaN);
    expect(sample("ita_survey_submits_accepted_total", 'instrument="iit",replayed="false"')).toBe(1);
    expect(sample("ita_survey_submits_accepted_total", 'instrument="iit",replayed="true"')).toBe(1);
    expect(sample("ita_survey_submits_accepted_total", 'instrument="eit1",replayed="false"')).toBe(1);
    expect(sample("ita_survey_submits_refused_total", 'instrument="iit",reason="bad-request"')).toBe(1);
    expect(sample("ita_http_request_duration_seconds_count", 'route="/e/:slug/survey",method="POST",status="3xx"')).toBe(1);
    expect(sample("ita_otp_events_current_hour", 'event="sent"')).toBeGreaterThanOrEqual(1);
    expect(sample("ita_otp_events_current_hour", 'event="verified"')).toBeGreaterThanOrEqual(1);
    expect(sample("ita_otp_events_current_hour", 'event="delivered"')).toBeGreaterThanOrEqual(1);
    expect(sample("ita_metrics_database_read_ok", "")).toBe(1);
    if (dbTarget.provider === "postgres") expect(sample("ita_db_pool_connections", 'pool="prisma",state="total"')).toBeGreaterThanOrEqual(1);

    // Counts only: no label names an agency, and no agency id, slug or name appears at all.
    const labelNames = new Set([...text.matchAll(/[{,]([a-zA-Z_]+)="/g)].map((m) => m[1]));
    expect([...labelNames].filter((name) => /agency|slug|contact|phone|ip|address/i.test(name))).toEqual([]);
    for (const value of [fx.agency.id, fx.agency.slug, fx.agency.nameEn, fx.agency.nameTh]) expect(text).not.toContain(value);
  });

  it("has a JSON line per request (id, route pattern, status, duration) and none of the respondent's data", async () => {
    await server.stop(); // flushes the logger's buffer
    const log = server.output.join("\n");
    expect(secrets.size).toBeGreaterThan(40);
    const leaked = [...secrets].filter(([, value]) => value.length >= 4 && log.includes(value)).map(([what]) => what);
    expect(leaked).toEqual([]);

    const lines = server.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    const requests = lines.filter((line) => line.msg === "request");
    for (const line of requests) {
      expect(line).toEqual(
        expect.objectContaining({
          requestId: expect.any(String),
          method: expect.any(String),
          route: expect.any(String),
          status: expect.any(Number),
          ms: expect.any(Number),
        }),
      );
      // The allow-list: nothing else of the request (no url, path, headers, address, body).
      expect(Object.keys(line).sort()).toEqual(
        ["hostname", "level", "method", "ms", "msg", "pid", "requestId", "route", "status", "time", ...("aborted" in line ? ["aborted"] : [])].sort(),
      );
    }
    const byId = new Map(requests.map((line) => [line.requestId as string, line]));
    for (const [id, route] of answered) expect(byId.get(id)?.route, `the line of request ${id}`).toBe(route);
  });
});
