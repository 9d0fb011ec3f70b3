// Shortfall reminders end to end (issue 20 §2, decision 024): the real forecast over real tallies,
// the CLI in this process, the outbox, and a real SMTP server (npm smtp-server) on 127.0.0.1 that
// receives the mail. The app reads its transports once, so the server starts and process.env is set
// BEFORE any app module is imported (dynamic imports in beforeAll).
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Received = { to: string[]; subject: string; text: string };
const received: Received[] = [];
const pending: Promise<void>[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const to = session.envelope.rcptTo.map((r) => r.address);
    pending.push(
      simpleParser(stream).then((mail) => {
        received.push({ to, subject: mail.subject ?? "", text: mail.text ?? "" });
        callback();
      }),
    );
  },
});

const BASE = "https://ita.example.test";
const DAY = 86_400_000;
let app: Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  const [db, cli, oversight, reminders, outbox, account] = await Promise.all([
    import("~/db.server"),
    import("~/commands/index"),
    import("../fixtures/oversight"),
    import("~/services/reminders.server"),
    import("~/services/outbox.server"),
    import("~/routes/admin.account"),
  ]);
  const users = await import("~/models/user.server");
  const jobs = await import("~/services/jobs.server");
  const { randomId } = await import("~/utils/crypto.server");
  return { prisma: db.prisma, cli, oversight, reminders, outbox, account, users, randomId, jobs };
}

async function ita(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = (async function* () {})();
  const status = await app.cli.runCli(args, {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    stdin,
  });
  return { status, stdout: out.join(""), stderr: err.join("") };
}

/** What the reminder tables and the outbox hold (a dry run or a refusal must leave them alone). */
const written = async () => ({
  sends: await app.prisma.reminderSend.count(),
  messages: await app.prisma.outboxMessage.count({ where: { purpose: "reminder" } }),
});

let world: {
  atRisk: { slug: string; id: string };
  fine: { slug: string };
  unregistered: { slug: string };
  adminCookie: string;
  people: Record<"admin" | "fineAdmin" | "coordinator" | "assessor" | "several" | "optedOut" | "invited" | "disabled", string>;
};

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  process.env.EMAIL_TRANSPORT = "smtp";
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String((smtp.server.address() as AddressInfo).port);
  process.env.SMTP_SECURE = "false";
  process.env.SMTP_FROM = "ITA test <ita@ita.test>";
  process.env.PUBLIC_BASE_URL = BASE;
  app = await loadApp();
  const { oversight, users, prisma, randomId } = app;

  // Two provinces: P has an agency at risk (no responses yet), one that reached every minimum and
  // one not registered; Q has nothing wrong.
  const p = await oversight.newProvince("ทดสอบเตือน", "Reminder province");
  const q = await oversight.newProvince("เรียบร้อย", "Quiet province");
  const atRisk = (await oversight.agency({ provinceId: p.id, nameTh: "อบต.เสี่ยง", nameEn: "SAO at risk" })).agency;
  const fine = await oversight.agency({ provinceId: p.id, nameTh: "อบต.ครบ", nameEn: "SAO fine" });
  // Populations 40 and 30: IIT minimum 30, EIT-1 30, EIT-2 20 (ITA 2568).
  await oversight.addResponses({ agencyId: fine.agency.id, cycleId: fine.cycle.id }, { iit: 30, eit1: 30, eit2: 20 });
  const unregistered = (await oversight.agency({ provinceId: p.id, register: false, nameTh: "อบต.ไม่ลงทะเบียน" })).agency;
  const quiet = await oversight.agency({ provinceId: q.id });
  await oversight.addResponses({ agencyId: quiet.agency.id, cycleId: quiet.cycle.id }, { iit: 30, eit1: 30, eit2: 20 });

  // Two people sign in (the agency page, the opt-out); the others only need to exist, with a
  // password hash (an active account) unless the test says otherwise — no scrypt for them.
  const admin = await oversight.signedIn({ role: "agency_admin", agencyId: atRisk.id });
  const optedOut = await oversight.signedIn({ role: "agency_admin", agencyId: atRisk.id });
  const person = async (
    grants: Array<{ role: "agency_admin" | "province_coordinator" | "national_assessor"; agencyId?: string; provinceId?: string }>,
    extra = {},
  ) => {
    const user = await prisma.user.create({
      data: { id: randomId(), email: `${randomId().slice(0, 10)}@reminders.test`, name: "ผู้รับทดสอบ", passwordHash: "scrypt$placeholder", ...extra },
    });
    for (const grant of grants) await users.addGrant(user.id, { agencyId: null, provinceId: null, ...grant });
    return { user };
  };
  const fineAdmin = await person([{ role: "agency_admin", agencyId: fine.agency.id }]);
  const coordinator = await person([{ role: "province_coordinator", provinceId: p.id }]);
  await person([{ role: "province_coordinator", provinceId: q.id }]); // nothing wrong in Q: no mail
  const assessor = await person([{ role: "national_assessor" }]);
  const several = await person([
    { role: "agency_admin", agencyId: unregistered.id },
    { role: "province_coordinator", provinceId: p.id },
    { role: "national_assessor" },
  ]);
  const invited = await person([{ role: "agency_admin", agencyId: atRisk.id }], { passwordHash: null });
  const disabled = await person([{ role: "national_assessor" }], { disabledAt: new Date() });

  world = {
    atRisk: { slug: atRisk.slug, id: atRisk.id },
    fine: { slug: fine.agency.slug },
    unregistered: { slug: unregistered.slug },
    adminCookie: admin.cookie,
    people: {
      admin: admin.user.email,
      fineAdmin: fineAdmin.user.email,
      coordinator: coordinator.user.email,
      assessor: assessor.user.email,
      several: several.user.email,
      optedOut: optedOut.user.email,
      invited: invited.user.email,
      disabled: disabled.user.email,
    },
  };

  // The opted-out admin turns reminders off on their own page (a refused value first: nothing changes).
  const bad = await oversight.post(app.account.action, "/admin/account", optedOut.cookie, { intent: "reminders", remindersOff: "maybe" });
  expect(bad.status).toBe(400);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: optedOut.user.id } })).remindersOff).toBe(false);
  const off = await oversight.post(app.account.action, "/admin/account", optedOut.cookie, { intent: "reminders", remindersOff: "true" });
  expect(off.status).toBe(200);
  expect(off.body).toMatchObject({ ok: true, message: "reminders.account.turnedOff" });
  expect((await oversight.get(app.account.loader, "/admin/account", optedOut.cookie)).body).toMatchObject({ remindersOff: true });
  expect(await prisma.auditLog.count({ where: { action: "user.reminders-off", actorId: optedOut.user.id } })).toBe(1);
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  for (const key of ["EMAIL_TRANSPORT", "SMTP_HOST", "SMTP_PORT", "SMTP_SECURE", "SMTP_FROM", "PUBLIC_BASE_URL"]) delete process.env[key];
});

describe("reminders:run", () => {
  it("--dry-run prints who would get what and writes nothing", async () => {
    const before = await written();
    const result = await ita(["reminders:run", "--dry-run", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ dryRun: true, sent: 0, outbox: null });
    const { people } = world;
    expect(report.mails.map((m: { email: string }) => m.email).sort()).toEqual([people.admin, people.coordinator, people.assessor, people.several].sort());
    expect(report.mails.every((m: { outcome: string; period: string }) => m.outcome === "would-send" && /^\d{4}-W\d{2}$/.test(m.period))).toBe(true);
    expect(await written()).toEqual(before);
    expect(received).toHaveLength(0);

    const text = await ita(["reminders:run", "--dry-run"]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`${people.admin}`);
    expect(text.stdout).toContain("จะส่ง / would send");
    // A bad argument: exit 2 naming it, nothing written.
    const bad = await ita(["reminders:run", "--dry-rnu"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--dry-rnu");
    expect(await written()).toEqual(before);
  });

  it("sends each person one Thai mail with their sections and a working link; a second run sends nothing", async () => {
    const result = await ita(["reminders:run", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ dryRun: false, sent: 4, alreadySent: 0, outbox: { sent: 4, pending: 0, failed: 0 } });
    await Promise.all(pending);
    const { people } = world;
    const byRecipient = new Map(received.map((mail) => [mail.to[0], mail]));
    expect(received).toHaveLength(4);
    expect([...byRecipient.keys()].sort()).toEqual([people.admin, people.coordinator, people.assessor, people.several].sort());

    // The agency admin: Thai first, which instrument, how many more, the days left, the agency page.
    const mine = byRecipient.get(people.admin)!;
    expect(mine.subject).toMatch(/^ITA: แจ้งเตือน/);
    expect(mine.text.indexOf("เรียน")).toBe(0);
    expect(mine.text.indexOf("เรียน")).toBeLessThan(mine.text.indexOf("Dear"));
    // No responses yet: IIT 30 more, EIT-1 30 more, EIT-2 20 more; the window closes in 30 days.
    expect(mine.text).toContain("แบบวัด IIT: ต้องการผู้ตอบอีก 30 คน (ตอบแล้ว 0 จากขั้นต่ำ 30) เหลือ 30 วัน");
    expect(mine.text).toContain("แบบวัด EIT ส่วนที่ 2: ต้องการผู้ตอบอีก 20 คน");
    expect(mine.text).toContain(`${BASE}/admin/account`);
    expect(mine.text).not.toContain(world.fine.slug);
    const link = new RegExp(`${BASE}/admin/agencies/([a-z0-9-]+)`).exec(mine.text);
    expect(link?.[1]).toBe(world.atRisk.slug);
    // The link is the agency page the admin can open (its loader answers 200 for them).
    const page = await app.oversight.dashboard(link![1], world.adminCookie);
    expect(page.status).toBe(200);

    // The coordinator: one digest of the province, counts; the unregistered agency first.
    const digest = byRecipient.get(people.coordinator)!.text;
    expect(digest).toContain("หน่วยงานที่อาจไม่ถึงขั้นต่ำ 1 แห่ง · ยังไม่ลงทะเบียน 1 แห่ง · ยังไม่กรอกจำนวนประชากร 0 แห่ง");
    expect(digest.indexOf("อบต.ไม่ลงทะเบียน")).toBeLessThan(digest.indexOf("อบต.เสี่ยง"));
    expect(digest).toContain(`${BASE}/admin?province=`);

    // Several roles: one mail with the agency (not registered, first), the province and the nation.
    const several = byRecipient.get(people.several)!.text;
    expect(several).toContain("ยังไม่ได้ลงทะเบียนเข้าร่วมรอบการประเมินนี้");
    expect(several).toContain("จังหวัดทดสอบเตือน");
    expect(several).toContain("ภาพรวมทั้งประเทศ");
    expect(several).toContain(`/admin/agencies/${world.unregistered.slug}`);
    // Never a mean, a score or anything about a respondent: only counts against floors.
    for (const mail of received) expect(mail.text).not.toMatch(/คะแนน|score|mean|เฉลี่ย/i);

    const sends = await app.prisma.reminderSend.findMany();
    expect(sends).toHaveLength(4);
    expect(JSON.parse(sends.find((s) => s.userId && s.summary.includes(world.atRisk.slug))!.summary)).toHaveProperty("agencies");

    // Run twice in the period: one mail per person.
    const again = await ita(["reminders:run", "--json"]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: 0, alreadySent: 4 });
    expect(await written()).toEqual({ sends: 4, messages: 4 });
    const dry = JSON.parse((await ita(["reminders:run", "--dry-run", "--json"])).stdout);
    expect(dry.mails.every((m: { outcome: string }) => m.outcome === "already-sent")).toBe(true);
    expect(received).toHaveLength(4);
  });

  it("the server's daily fleet job runs the same reminders after 08:00 Bangkok: nothing twice in the period", async () => {
    const job = app.jobs.FLEET_JOBS.find((each) => each.name === "reminders")!;
    const now = new Date();
    // Its row is first seen now (counts as finished now): not due again until the next 08:00 Bangkok.
    expect(await app.jobs.runJobIfDue(job, { now })).toBe(false);
    expect(await app.jobs.runJobIfDue(job, { holder: "reminders-test", now: new Date(now.getTime() + DAY) })).toBe(true);
    const lease = await app.prisma.jobLease.findUniqueOrThrow({ where: { name: "reminders" } });
    expect(lease).toMatchObject({ lastOutcome: "ok", runs: 1 });
    expect(await written()).toEqual({ sends: 4, messages: 4 });
  });

  it("two runs at once (next week): still one mail per person", async () => {
    const nextWeek = new Date(Date.now() + 8 * DAY); // 22 days before the close: still weekly
    const [a, b] = await Promise.all([app.reminders.runReminders({ now: nextWeek }), app.reminders.runReminders({ now: nextWeek })]);
    expect(a.sent + b.sent).toBe(4);
    expect(a.alreadySent + b.alreadySent).toBe(4);
    const delivered = await app.outbox.deliverOwnMessages();
    expect(delivered).toMatchObject({ sent: 4, failed: 0 });
    await Promise.all(pending);
    expect(received).toHaveLength(8);
    const counts = new Map<string, number>();
    for (const mail of received) counts.set(mail.to[0], (counts.get(mail.to[0]) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2, 2]);
    expect(await written()).toEqual({ sends: 8, messages: 8 });
  });

  it("in the window's last week the period is the day: a daily reminder", async () => {
    const lastWeek = new Date(Date.now() + 25 * DAY);
    const report = await app.reminders.runReminders({ now: lastWeek });
    expect(report.sent).toBe(4);
    expect(report.mails.every((m) => /^\d{4}-\d{2}-\d{2}$/.test(m.period))).toBe(true);
    await app.outbox.deliverOwnMessages();
    await Promise.all(pending);
    expect(received.at(-1)!.text).toContain("เหลือไม่ถึง 7 วันก่อนปิดรับ");
    const sameDay = await app.reminders.runReminders({ now: new Date(lastWeek.getTime() + 60_000) });
    expect(sameDay).toMatchObject({ sent: 0, alreadySent: 4 });
  });
});
