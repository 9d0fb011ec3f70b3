// The small-cell rule (app/domain/disclosure.ts): which item means an admin view may show.
import { describe, expect, it } from "vitest";
import { MIN_CELL, shownMeans, SNAPSHOT_STEP, snapshotDue, snapshotResponses, snapshotShowable } from "~/domain/disclosure";

type T = { responses: number; label: string };
const meansOf = (tally: T) => ({ i1: tally.responses, from: tally.label === "live" ? 1 : 0 });
const live = (responses: number): T => ({ responses, label: "live" });
const snapshot = (responses: number): T => ({ responses, label: "snapshot" });

describe("small cells", () => {
  it("no mean from fewer than 5 responses; means move every 5 responses", () => {
    expect(MIN_CELL).toBe(5);
    expect(SNAPSHOT_STEP).toBe(5);
  });

  it("a snapshot is due exactly when a write reaches 5, 10, 15 … (one response or several at once)", () => {
    const due = Array.from({ length: 16 }, (_, n) => n).filter((n) => n > 0 && snapshotDue(n - 1, n));
    expect(due).toEqual([5, 10, 15]);
    expect(snapshotDue(3, 7)).toBe(true); // a batch of 4 crossing 5
    expect(snapshotDue(5, 9)).toBe(false); // 6 … 9: no step
    expect(snapshotDue(9, 10)).toBe(true);
    expect(snapshotDue(0, 0)).toBe(false);
  });

  it("the snapshot holds the last step reached", () => {
    expect([0, 4, 5, 9, 10, 14, 31].map(snapshotResponses)).toEqual([0, 0, 5, 5, 10, 10, 30]);
  });

  it("while collecting: the snapshot's means from 5 responses on, none below", () => {
    expect(snapshotShowable(4)).toBe(false);
    expect(snapshotShowable(5)).toBe(true);
    expect(shownMeans({ published: false, live: live(9), snapshot: snapshot(0) }, meansOf)).toEqual({});
    expect(shownMeans({ published: false, live: live(9), snapshot: snapshot(4) }, meansOf)).toEqual({});
    expect(shownMeans({ published: false, live: live(9), snapshot: snapshot(5) }, meansOf)).toEqual({ i1: 5, from: 0 });
    // The live tally is never shown while collecting, whatever its size.
    expect(shownMeans({ published: false, live: live(1000), snapshot: snapshot(995) }, meansOf)).toEqual({ i1: 995, from: 0 });
  });

  it("once published: the final (live) means, even below 5 responses (the numbers are frozen)", () => {
    expect(shownMeans({ published: true, live: live(31), snapshot: snapshot(30) }, meansOf)).toEqual({ i1: 31, from: 1 });
    expect(shownMeans({ published: true, live: live(3), snapshot: snapshot(0) }, meansOf)).toEqual({ i1: 3, from: 1 });
  });
});
