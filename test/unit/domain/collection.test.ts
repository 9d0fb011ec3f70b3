// Is collection open? (app/domain/collection.ts), to the instant at the window edges in Bangkok
// time (UTC+7, no daylight saving), and the fiscal-year calendar to the day.
import { describe, expect, it } from "vitest";
import {
  bangkokMidnight,
  collectionState,
  defaultWindows,
  fiscalYearEnd,
  fiscalYearStart,
  participationState,
  windowState,
  type ParticipationFlags,
} from "~/domain/collection";

const MS = 1;
/** "2027-03-01 00:00" read as Bangkok wall-clock time. */
const bangkok = (wallClock: string) => new Date(`${wallClock.replace(" ", "T")}:00+07:00`);
/** The Bangkok calendar day and time of an instant, e.g. "2027-03-01 00:00". */
const inBangkok = (date: Date) => new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace("T", " ");

// IIT open 1 March 2027 00:00 Bangkok to 31 July 2027 (closes 1 August 00:00); EIT a week later each way.
const cycle = {
  iitOpensAt: bangkok("2027-03-01 00:00"),
  iitClosesAt: bangkok("2027-08-01 00:00"),
  eitOpensAt: bangkok("2027-03-08 00:00"),
  eitClosesAt: bangkok("2027-08-08 00:00"),
};
const registered: ParticipationFlags = { registered: true, iitOpen: true, eitOpen: true, publishedAt: null };
const during = bangkok("2027-05-15 12:00");

describe("collectionState: the window edges, in Bangkok time", () => {
  it("opens at 00:00 Bangkok on the first day (17:00 UTC the day before), not a millisecond earlier", () => {
    expect(cycle.iitOpensAt.toISOString()).toBe("2027-02-28T17:00:00.000Z");
    expect(collectionState(cycle, registered, "iit", new Date(cycle.iitOpensAt.getTime() - MS))).toBe("not-yet-open");
    expect(collectionState(cycle, registered, "iit", cycle.iitOpensAt)).toBe("open");
    // The last minute of 28 February in Bangkok (16:59 UTC): still closed.
    expect(collectionState(cycle, registered, "iit", bangkok("2027-02-28 23:59"))).toBe("not-yet-open");
    // 1 March 06:59 Bangkok is still 28 February in UTC: open (days are Bangkok days).
    expect(collectionState(cycle, registered, "iit", bangkok("2027-03-01 06:59"))).toBe("open");
  });

  it("the last day is open to its end; closed from 00:00 Bangkok the next day", () => {
    expect(collectionState(cycle, registered, "iit", bangkok("2027-07-31 23:59"))).toBe("open");
    expect(collectionState(cycle, registered, "iit", new Date(cycle.iitClosesAt.getTime() - MS))).toBe("open");
    expect(collectionState(cycle, registered, "iit", cycle.iitClosesAt)).toBe("closed-window");
    // 1 August 03:00 Bangkok is 31 July 20:00 UTC: closed all the same.
    expect(collectionState(cycle, registered, "iit", bangkok("2027-08-01 03:00"))).toBe("closed-window");
  });

  it("EIT parts 1 and 2 follow the EIT window, the IIT its own", () => {
    const march5 = bangkok("2027-03-05 09:00");
    expect(collectionState(cycle, registered, "iit", march5)).toBe("open");
    expect(collectionState(cycle, registered, "eit1", march5)).toBe("not-yet-open");
    expect(collectionState(cycle, registered, "eit2", march5)).toBe("not-yet-open");
    expect(collectionState(cycle, registered, "eit1", cycle.eitOpensAt)).toBe("open");
    const august3 = bangkok("2027-08-03 09:00");
    expect(collectionState(cycle, registered, "iit", august3)).toBe("closed-window");
    expect(collectionState(cycle, registered, "eit1", august3)).toBe("open");
    expect(collectionState(cycle, registered, "eit1", cycle.eitClosesAt)).toBe("closed-window");
  });

  it("windowState is the cycle-wide part (the IIT code page has no agency yet)", () => {
    expect(windowState(cycle, "iit", new Date(cycle.iitOpensAt.getTime() - MS))).toBe("not-yet-open");
    expect(windowState(cycle, "iit", cycle.iitOpensAt)).toBe("open");
    expect(windowState(cycle, "iit", cycle.iitClosesAt)).toBe("closed-window");
  });
});

describe("collectionState: the agency's participation", () => {
  it("the agency's own switch closes one survey; EIT-1 and EIT-2 share the EIT switch", () => {
    expect(collectionState(cycle, { ...registered, iitOpen: false }, "iit", during)).toBe("closed-by-agency");
    expect(collectionState(cycle, { ...registered, iitOpen: false }, "eit1", during)).toBe("open");
    expect(collectionState(cycle, { ...registered, eitOpen: false }, "eit1", during)).toBe("closed-by-agency");
    expect(collectionState(cycle, { ...registered, eitOpen: false }, "eit2", during)).toBe("closed-by-agency");
    expect(collectionState(cycle, { ...registered, eitOpen: false }, "iit", during)).toBe("open");
  });

  it("not registered: no participation row, or a row not registered", () => {
    expect(collectionState(cycle, null, "iit", during)).toBe("not-registered");
    expect(collectionState(cycle, undefined, "eit1", during)).toBe("not-registered");
    expect(collectionState(cycle, { ...registered, registered: false }, "iit", during)).toBe("not-registered");
  });

  it("published is final: inside the window and after it", () => {
    const published = { ...registered, iitOpen: false, eitOpen: false, publishedAt: bangkok("2027-09-10 10:00") };
    expect(collectionState(cycle, published, "iit", during)).toBe("published");
    expect(collectionState(cycle, published, "eit1", bangkok("2027-09-15 10:00"))).toBe("published");
    expect(collectionState(cycle, published, "iit", new Date(cycle.iitOpensAt.getTime() - MS))).toBe("published");
  });

  it("which reason wins: not registered, published, the window, then the agency's switch", () => {
    const closedEverything = { registered: true, iitOpen: false, eitOpen: false, publishedAt: null };
    expect(collectionState(cycle, closedEverything, "iit", cycle.iitClosesAt)).toBe("closed-window");
    expect(collectionState(cycle, closedEverything, "iit", new Date(cycle.iitOpensAt.getTime() - MS))).toBe("not-yet-open");
    expect(collectionState(cycle, { ...closedEverything, registered: false, publishedAt: during }, "iit", during)).toBe("not-registered");
  });

  it("participationState: the agency-wide part (publication checks it)", () => {
    expect(participationState(null)).toBe("not-registered");
    expect(participationState({ registered: false, publishedAt: null })).toBe("not-registered");
    expect(participationState({ registered: true, publishedAt: during })).toBe("published");
    expect(participationState({ registered: true, publishedAt: null })).toBe("participating");
  });
});

describe("the Thai fiscal year (Buddhist era) and default windows", () => {
  it("FY 2570 began 1 October 2026 at 00:00 Bangkok and ends as FY 2571 begins", () => {
    expect(fiscalYearStart(2570).toISOString()).toBe("2026-09-30T17:00:00.000Z");
    expect(inBangkok(fiscalYearStart(2570))).toBe("2026-10-01 00:00");
    expect(inBangkok(fiscalYearStart(2568))).toBe("2024-10-01 00:00"); // ITA 2568 = October 2024 – September 2025
    expect(fiscalYearEnd(2570)).toEqual(fiscalYearStart(2571));
    expect(inBangkok(new Date(fiscalYearEnd(2570).getTime() - MS))).toBe("2027-09-30 23:59");
  });

  it("bangkokMidnight is 17:00 UTC the day before", () => {
    expect(bangkokMidnight(2027, 3, 1).toISOString()).toBe("2027-02-28T17:00:00.000Z");
    expect(bangkokMidnight(2028, 3, 1).toISOString()).toBe("2028-02-29T17:00:00.000Z"); // a leap year
  });

  it("FY 2570: IIT and EIT 1 March – 31 July 2027, OIT 1 March – 31 August 2027, to the day in Bangkok", () => {
    const windows = defaultWindows(2570);
    expect(Object.fromEntries(Object.entries(windows).map(([name, at]) => [name, inBangkok(at)]))).toEqual({
      iitOpensAt: "2027-03-01 00:00",
      iitClosesAt: "2027-08-01 00:00",
      eitOpensAt: "2027-03-01 00:00",
      eitClosesAt: "2027-08-01 00:00",
      oitOpensAt: "2027-03-01 00:00",
      oitClosesAt: "2027-09-01 00:00",
    });
    expect(windows.iitOpensAt.toISOString()).toBe("2027-02-28T17:00:00.000Z");
    // Open on the first and last days, closed the day before and the day after.
    const open = (wallClock: string) => collectionState(windows, registered, "iit", bangkok(wallClock));
    expect(open("2027-02-28 23:59")).toBe("not-yet-open");
    expect(open("2027-03-01 00:00")).toBe("open");
    expect(open("2027-07-31 23:59")).toBe("open");
    expect(open("2027-08-01 00:00")).toBe("closed-window");
  });

  it("every window lies inside its fiscal year, in order, for any year", () => {
    for (const fiscalYear of [2568, 2569, 2570, 2571, 2600]) {
      const w = defaultWindows(fiscalYear);
      expect(w.iitOpensAt.getTime()).toBeGreaterThan(fiscalYearStart(fiscalYear).getTime());
      expect(w.iitOpensAt.getTime()).toBeLessThan(w.iitClosesAt.getTime());
      expect(w.eitOpensAt.getTime()).toBeLessThan(w.eitClosesAt.getTime());
      expect(w.oitClosesAt.getTime()).toBeGreaterThanOrEqual(w.iitClosesAt.getTime());
      expect(w.oitClosesAt.getTime()).toBeLessThan(fiscalYearEnd(fiscalYear).getTime());
    }
    expect(inBangkok(defaultWindows(2568).iitOpensAt)).toBe("2025-03-01 00:00");
  });
});
