// Shortfall reminders, the pure part (app/domain/reminders.ts): the period key to the second in
// Bangkok time, the last-week boundary, who gets which sections, and who gets nothing.
import { describe, expect, it } from "vitest";
import {
  agencyReminder,
  dailyPeriod,
  lastDailyRunTimeBefore,
  NATIONAL_LIST_CAP,
  planReminderMails,
  SETUP_LEAD_DAYS,
  weeklyPeriod,
  type AgencyStatus,
  type ReminderInput,
  type ReminderRecipient,
} from "../../app/domain/reminders";
import type { ForecastStatus } from "../../app/domain/forecast";

const DAY = 86_400_000;
/** 00:00 Bangkok on a Gregorian day = 17:00 UTC the day before. */
const bangkok = (y: number, m: number, d: number, h = 0) => new Date(Date.UTC(y, m - 1, d, h) - 7 * 3600_000);

// Surveys open 1 Mar 2027 and close at 00:00 Bangkok on 1 Aug 2027 (after 31 July).
const cycle = { iitOpensAt: bangkok(2027, 3, 1), iitClosesAt: bangkok(2027, 8, 1), eitOpensAt: bangkok(2027, 3, 1), eitClosesAt: bangkok(2027, 8, 1) };
const midWindow = bangkok(2027, 6, 2, 8); // Wednesday 2 June 2027, 08:00 Bangkok

type Cell = { responses: number; minimum: number | null; status: ForecastStatus };
const fine: Cell = { responses: 40, minimum: 30, status: "reached" };
function agency(id: string, cells: Partial<Record<"iit" | "eit1" | "eit2", Cell>> = {}, extra: Partial<AgencyStatus> = {}): AgencyStatus {
  const cell = (c: Cell = fine) => ({ responses: c.responses, minimum: c.minimum, forecast: { status: c.status } });
  return {
    id,
    slug: `slug-${id}`,
    nameTh: `หน่วยงาน ${id}`,
    nameEn: `Agency ${id}`,
    provinceId: "p1",
    registered: true,
    instruments: { iit: cell(cells.iit), eit1: cell(cells.eit1), eit2: cell(cells.eit2) },
    ...extra,
  };
}
const atRisk = (responses: number, minimum: number): Cell => ({ responses, minimum, status: "at-risk" });

function person(userId: string, grants: ReminderRecipient["grants"], extra: Partial<ReminderRecipient> = {}): ReminderRecipient {
  return { userId, email: `${userId}@example.go.th`, name: userId, remindersOff: false, disabled: false, hasPassword: true, grants, ...extra };
}
const admin = (agencyId: string) => ({ role: "agency_admin" as const, agencyId, provinceId: null });
const coordinator = (provinceId: string) => ({ role: "province_coordinator" as const, agencyId: null, provinceId });
const assessor = { role: "national_assessor" as const, agencyId: null, provinceId: null };

const provinces = [
  { id: "p1", slug: "chiang-mai", nameTh: "เชียงใหม่", nameEn: "Chiang Mai" },
  { id: "p2", slug: "lampang", nameTh: "ลำปาง", nameEn: "Lampang" },
];
const input = (over: Partial<ReminderInput>): ReminderInput => ({ now: midWindow, cycle, agencies: [], provinces, recipients: [], ...over });

describe("the period key (Bangkok time, Buddhist-era year)", () => {
  it("changes week at 00:00 Monday in Bangkok, not in UTC", () => {
    // Sunday 6 Dec 2026 23:59:59 Bangkok is 16:59:59 UTC: ISO week 49; a second later Monday, week 50.
    expect(weeklyPeriod(new Date(Date.UTC(2026, 11, 6, 16, 59, 59)))).toBe("2569-W49");
    expect(weeklyPeriod(new Date(Date.UTC(2026, 11, 6, 17, 0, 0)))).toBe("2569-W50");
    expect(dailyPeriod(new Date(Date.UTC(2026, 11, 6, 16, 59, 59)))).toBe("2569-12-06");
    expect(dailyPeriod(new Date(Date.UTC(2026, 11, 6, 17, 0, 0)))).toBe("2569-12-07");
  });

  it("uses the ISO week-year: Friday 1 Jan 2027 is in week 53 of 2026 (B.E. 2569)", () => {
    expect(weeklyPeriod(bangkok(2027, 1, 1, 12))).toBe("2569-W53");
    expect(weeklyPeriod(bangkok(2027, 1, 4))).toBe("2570-W01"); // Monday 4 Jan 2027
    expect(dailyPeriod(bangkok(2027, 1, 1, 12))).toBe("2570-01-01");
  });

  it("the daily job is due after the latest 08:00 Bangkok", () => {
    expect(lastDailyRunTimeBefore(bangkok(2027, 6, 2, 8))).toEqual(bangkok(2027, 6, 2, 8));
    expect(lastDailyRunTimeBefore(new Date(bangkok(2027, 6, 2, 8).getTime() - 1))).toEqual(bangkok(2027, 6, 1, 8));
    expect(lastDailyRunTimeBefore(bangkok(2027, 6, 2, 23))).toEqual(bangkok(2027, 6, 2, 8));
  });
});

describe("one agency's issues", () => {
  it("an at-risk instrument: how many more, the days left (counted up), weekly before the last 7 days", () => {
    const reminder = agencyReminder(agency("a", { eit1: atRisk(12, 100) }), cycle, midWindow)!;
    // 1 Aug 00:00 − 2 Jun 08:00 = 59 days 16 hours → 60 days.
    expect(reminder.issues).toEqual([{ kind: "at-risk", instrument: "eit1", responses: 12, minimum: 100, needed: 88, daysLeft: 60 }]);
    expect(reminder).toMatchObject({ shortfall: 88, lastWeek: false });
  });

  it("the last week starts exactly 7 days before the close: daily period from then on", () => {
    const sevenDaysBefore = new Date(cycle.iitClosesAt.getTime() - 7 * DAY);
    const justBefore = new Date(sevenDaysBefore.getTime() - 1);
    const one = [agency("a", { iit: atRisk(5, 30) })];
    const recipients = [person("u", [admin("a")])];
    expect(planReminderMails(input({ now: justBefore, agencies: one, recipients }))[0]).toMatchObject({ lastWeek: false, period: "2570-W29" }); // Saturday 24 July 23:59:59.999 Bangkok (ISO week 29 began Monday 19 July);
    expect(planReminderMails(input({ now: sevenDaysBefore, agencies: one, recipients }))[0]).toMatchObject({ lastWeek: true, period: "2570-07-25" });
    // The last second of the window is still the last week; at the close nothing is reminded.
    expect(planReminderMails(input({ now: new Date(cycle.iitClosesAt.getTime() - 1000), agencies: one, recipients }))[0]).toMatchObject({
      period: "2570-07-31",
    });
    expect(planReminderMails(input({ now: cycle.iitClosesAt, agencies: one, recipients }))).toEqual([]);
  });

  it("not registered, or no population: reminded first, from the lead time before opening to the close", () => {
    const unregistered = agency("u", {}, { registered: false });
    const noPopulation = agency("n", {
      eit1: { responses: 0, minimum: null, status: "unknown" },
      eit2: { responses: 0, minimum: null, status: "unknown" },
      iit: atRisk(3, 30),
    });
    expect(agencyReminder(unregistered, cycle, midWindow)!.issues).toEqual([{ kind: "not-registered", daysLeft: 60 }]);
    expect(agencyReminder(noPopulation, cycle, midWindow)!.issues.map((issue) => issue.kind)).toEqual(["no-population", "at-risk"]);
    expect(agencyReminder(noPopulation, cycle, midWindow)!.issues[0]).toMatchObject({ instruments: ["eit1", "eit2"] });

    const leadStart = new Date(cycle.iitOpensAt.getTime() - SETUP_LEAD_DAYS * DAY);
    expect(agencyReminder(unregistered, cycle, new Date(leadStart.getTime() - 1))).toBeNull();
    expect(agencyReminder(unregistered, cycle, leadStart)).not.toBeNull();
    // Before the window opens an "at-risk" forecast is not reminded about (nothing to do yet).
    expect(agencyReminder(agency("a", { iit: atRisk(0, 30) }), cycle, leadStart)).toBeNull();
    expect(agencyReminder(unregistered, cycle, cycle.eitClosesAt)).toBeNull();
  });

  it("reached, on track, missed and closed-by-agency instruments are nobody's business", () => {
    const quiet = agency("q", { iit: { responses: 10, minimum: 30, status: "on-track" }, eit1: { responses: 3, minimum: 30, status: "missed" } });
    expect(agencyReminder(quiet, cycle, midWindow)).toBeNull();
  });
});

describe("who gets which mail", () => {
  const agencies = [
    agency("a", { iit: atRisk(5, 30) }),
    agency("b", { eit1: atRisk(50, 100) }, { provinceId: "p2" }),
    agency("c"), // fine
    agency("d", {}, { registered: false, provinceId: "p2" }),
  ];

  it("an agency admin gets their agency; nobody is sent anything about an agency that is fine", () => {
    const mails = planReminderMails(input({ agencies, recipients: [person("admin-a", [admin("a")]), person("admin-c", [admin("c")])] }));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ userId: "admin-a", period: "2570-W22", provinces: [], national: null });
    expect(mails[0].agencies.map((r) => r.slug)).toEqual(["slug-a"]);
  });

  it("a coordinator gets one digest of their province (setup issues first); the assessor the nation", () => {
    const mails = planReminderMails(input({ agencies, recipients: [person("coord", [coordinator("p2")]), person("nacc", [assessor])] }));
    const [coord, nacc] = mails;
    expect(coord.provinces).toHaveLength(1);
    expect(coord.provinces[0]).toMatchObject({ slug: "lampang", counts: { atRisk: 1, notRegistered: 1, noPopulation: 0 }, total: 2 });
    expect(coord.provinces[0].agencies.map((r) => r.slug)).toEqual(["slug-d", "slug-b"]);
    expect(nacc.national).toMatchObject({ counts: { atRisk: 2, notRegistered: 1, noPopulation: 0 }, total: 3 });
    expect(nacc.national!.provinces.map((p) => [p.nameEn, p.counts.atRisk])).toEqual([
      ["Chiang Mai", 1],
      ["Lampang", 1],
    ]);
  });

  it("several roles: ONE mail with every section", () => {
    const mails = planReminderMails(
      input({ agencies, recipients: [person("many", [admin("a"), admin("c"), coordinator("p1"), coordinator("p2"), assessor])] }),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].agencies.map((r) => r.slug)).toEqual(["slug-a"]);
    expect(mails[0].provinces.map((d) => d.slug)).toEqual(["chiang-mai", "lampang"]);
    expect(mails[0].national).not.toBeNull();
  });

  it("opted out, disabled, or never set a password: no mail; a system admin alone: no mail", () => {
    const recipients = [
      person("off", [admin("a")], { remindersOff: true }),
      person("disabled", [admin("a")], { disabled: true }),
      person("invited", [admin("a")], { hasPassword: false }),
      person("sysadmin", [{ role: "system_admin", agencyId: null, provinceId: null }]),
    ];
    expect(planReminderMails(input({ agencies, recipients }))).toEqual([]);
  });

  it("a week with nothing at risk sends nothing to anyone", () => {
    expect(planReminderMails(input({ agencies: [agency("c")], recipients: [person("nacc", [assessor]), person("coord", [coordinator("p1")])] }))).toEqual([]);
  });

  it("the national list is capped, the largest shortfall first", () => {
    const many = Array.from({ length: NATIONAL_LIST_CAP + 10 }, (_, i) => agency(`x${i}`, { iit: atRisk(0, 30 + i) }));
    const [mail] = planReminderMails(input({ agencies: many, recipients: [person("nacc", [assessor])] }));
    expect(mail.national!.total).toBe(NATIONAL_LIST_CAP + 10);
    expect(mail.national!.agencies).toHaveLength(NATIONAL_LIST_CAP);
    expect(mail.national!.agencies[0].shortfall).toBe(30 + NATIONAL_LIST_CAP + 9);
  });
});
