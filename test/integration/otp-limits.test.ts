// SMS cost limits that depend on settings (shared/security.md → SMS cost abuse): the per-agency
// hourly ceiling, the global daily budget and the kill switch. The environment is parsed once, when
// app/env.server.ts is first imported, so each configuration sets process.env and then imports the
// app modules dynamically (vi.resetModules() between configurations).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { outcome } from "../fixtures/http";

const AGENCY_HOURLY_LIMIT = 3;
const DAILY_BUDGET = 6;

type Modules = Awaited<ReturnType<typeof loadModules>>;

async function loadModules() {
  vi.resetModules();
  const [db, otp, contact, delivery, fixtures, landing] = await Promise.all([
    import("~/db.server"),
    import("~/models/otp.server"),
    import("~/utils/contact"),
    import("~/utils/otp-delivery.server"),
    import("../fixtures/db"),
    import("~/routes/e.$slug._index"),
  ]);
  return { db, otp, contact, delivery, fixtures, landing, outbox: await import("../fixtures/outbox") };
}

const savedEnv = { ...process.env };
let consoleLog: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  const original = console.log.bind(console);
  consoleLog = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("[otp:console]")) return;
    original(...args);
  });
});
afterAll(() => {
  consoleLog.mockRestore();
  for (const key of ["OTP_AGENCY_HOURLY_LIMIT", "OTP_DAILY_BUDGET", "OTP_SENDING_DISABLED"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

let phoneCounter = 0;
function freshPhone(m: Modules) {
  phoneCounter += 1;
  const result = m.contact.parseContact(`0861${String(phoneCounter).padStart(6, "0")}`, { allowEmail: false });
  if (!result.ok) throw new Error(result.error);
  return result.contact;
}

function send(m: Modules, fx: Awaited<ReturnType<Modules["fixtures"]["registeredAgency"]>>, now?: Date) {
  return m.otp.requestOtp(
    { cycle: fx.cycle, agency: fx.agency, contact: freshPhone(m), channel: "qr", lang: "th", message: (code) => ({ subject: "OTP", text: `OTP: ${code}` }) },
    now,
  );
}

// Each POST from its own address (these limits are about the agency and the country, not one
// client, whose share of a 3-a-day budget would be 1), with the form token the page rendered.
let addressCounter = 0;
async function postLanding(m: Modules, slug: string, contact: string) {
  const agency = await m.db.prisma.agency.findUniqueOrThrow({ where: { slug } });
  const request = new Request(`http://localhost/e/${slug}`, {
    method: "POST",
    body: new URLSearchParams({ contact, counter: "", formToken: m.otp.otpFormToken(agency.id) }),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  addressCounter += 1;
  return outcome(() =>
    m.landing.action({ request, params: { slug }, context: { clientAddress: `198.51.${Math.floor(addressCounter / 250)}.${addressCounter % 250}` } }),
  );
}

describe(`per-agency hourly ceiling and global daily budget (OTP_AGENCY_HOURLY_LIMIT=${AGENCY_HOURLY_LIMIT}, OTP_DAILY_BUDGET=${DAILY_BUDGET})`, () => {
  let m: Modules;
  beforeAll(async () => {
    process.env.OTP_AGENCY_HOURLY_LIMIT = String(AGENCY_HOURLY_LIMIT);
    process.env.OTP_DAILY_BUDGET = String(DAILY_BUDGET);
    delete process.env.OTP_SENDING_DISABLED;
    m = await loadModules();
    expect(m.delivery.transportFor({ kind: "phone", canonical: "+66812345678", masked: "081-xxx-5678" })?.name).toBe("console");
  });

  it("the agency's (limit+1)th send in the hour → busy with retryAfterSeconds > 0, nothing sent; another agency is not affected", async () => {
    const fx = await m.fixtures.registeredAgency();
    // A fake clock 20 minutes into an hour: the retry-after is the rest of the hour (40 min).
    const now = new Date(Date.UTC(2032, 2, 3, 10, 20, 0));
    for (let i = 0; i < AGENCY_HOURLY_LIMIT; i++) expect((await send(m, fx, now)).status).toBe("issued");
    const before = (await m.outbox.readOutbox())[0];
    const busy = await send(m, fx, now);
    expect(busy.status).toBe("busy");
    if (busy.status === "busy") {
      expect(busy.retryAfterSeconds).toBeGreaterThan(0);
      expect(busy.retryAfterSeconds).toBe(40 * 60);
    }
    expect((await m.outbox.readOutbox())[0], "nothing sent when busy").toBe(before);
    expect(await m.db.prisma.otpChallenge.count({ where: { agencyId: fx.agency.id } })).toBe(AGENCY_HOURLY_LIMIT);
    // The ceiling alerts once (an audit row for admins), not once per refused request.
    await send(m, fx, now);
    expect(await m.db.prisma.auditLog.count({ where: { action: "otp.agency-ceiling", outcome: "alert", agencyId: fx.agency.id } })).toBe(1);
    // Another agency in the same hour is not affected.
    expect((await send(m, await m.fixtures.registeredAgency(), now)).status).toBe("issued");
    // The next hour the agency may send again.
    expect((await send(m, fx, new Date(now.getTime() + 3_600_000))).status).toBe("issued");
  });

  it("through the landing action, the agency ceiling is a 429 with Retry-After", async () => {
    const fx = await m.fixtures.registeredAgency();
    for (let i = 0; i < AGENCY_HOURLY_LIMIT; i++) {
      const ok = await postLanding(m, fx.agency.slug, `0862${String(i).padStart(6, "0")}`);
      expect(ok.status).toBe(302);
    }
    const refused = await postLanding(m, fx.agency.slug, "0862999999");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(refused.data).toMatchObject({ error: "eit.busy" });
  });

  it("the global daily budget → busy for every agency until the next day", async () => {
    // A day of its own on the fake clock: only these sends count against it.
    const day = new Date(Date.UTC(2032, 5, 7, 3, 0, 0));
    const agencies = await Promise.all(Array.from({ length: 3 }, () => m.fixtures.registeredAgency()));
    let sent = 0;
    for (const fx of agencies) {
      for (let i = 0; i < DAILY_BUDGET / agencies.length; i++) {
        const result = await send(m, fx, day);
        if (result.status === "issued") sent += 1;
        else expect(result.retryAfterSeconds).toBeGreaterThan(0);
      }
    }
    expect(sent).toBe(DAILY_BUDGET);
    const other = await m.fixtures.registeredAgency();
    const busy = await send(m, other, day);
    expect(busy.status).toBe("busy");
    if (busy.status === "busy") expect(busy.retryAfterSeconds).toBe(21 * 3600); // 03:00 → midnight UTC
    expect((await send(m, other, new Date(day.getTime() + 24 * 3_600_000))).status).toBe("issued");
  });
});

describe("kill switch (OTP_SENDING_DISABLED=true)", () => {
  let m: Modules;
  beforeAll(async () => {
    delete process.env.OTP_AGENCY_HOURLY_LIMIT;
    delete process.env.OTP_DAILY_BUDGET;
    process.env.OTP_SENDING_DISABLED = "true";
    m = await loadModules();
  });

  it("every request answers busy, nothing is sent, no challenge is stored", async () => {
    const fx = await m.fixtures.registeredAgency();
    const before = (await m.outbox.readOutbox())[0];
    const result = await send(m, fx);
    expect(result.status).toBe("busy");
    if (result.status === "busy") expect(result.retryAfterSeconds).toBeGreaterThan(0);
    expect((await m.outbox.readOutbox())[0]).toBe(before);
    expect(await m.db.prisma.otpChallenge.count({ where: { agencyId: fx.agency.id } })).toBe(0);
  });

  it("the landing action answers 429 with Retry-After", async () => {
    const fx = await m.fixtures.registeredAgency();
    const response = await postLanding(m, fx.agency.slug, "081-234-5678");
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(response.data).toMatchObject({ error: "eit.busy" });
  });
});

describe("the agency ceiling and the daily budget hold under parallel requests", () => {
  let m: Modules;
  beforeAll(async () => {
    process.env.OTP_AGENCY_HOURLY_LIMIT = String(AGENCY_HOURLY_LIMIT);
    process.env.OTP_DAILY_BUDGET = String(DAILY_BUDGET);
    delete process.env.OTP_SENDING_DISABLED;
    m = await loadModules();
  });

  it(`20 parallel sends for one agency → exactly ${AGENCY_HOURLY_LIMIT} issued`, async () => {
    const fx = await m.fixtures.registeredAgency();
    const hour = new Date(Date.UTC(2033, 1, 1, 8, 5, 0));
    const results = await Promise.all(Array.from({ length: 20 }, () => send(m, fx, hour)));
    expect(results.filter((result) => result.status === "issued")).toHaveLength(AGENCY_HOURLY_LIMIT);
  });

  it(`12 parallel sends across 4 agencies on one day → exactly ${DAILY_BUDGET} issued`, async () => {
    const day = new Date(Date.UTC(2033, 3, 9, 2, 0, 0));
    const agencies = await Promise.all(Array.from({ length: 4 }, () => m.fixtures.registeredAgency()));
    const results = await Promise.all(agencies.flatMap((fx) => Array.from({ length: 3 }, () => send(m, fx, day))));
    expect(results.filter((result) => result.status === "issued")).toHaveLength(DAILY_BUDGET);
  });
});
