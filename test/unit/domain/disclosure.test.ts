// The disclosure rule (app/domain/disclosure.ts, decision 012): which figures any role may see.
import { describe, expect, it } from "vitest";
import { disclosedMeans, instrumentDisclosure, MIN_CELL, SNAPSHOT_STEP, snapshotDue, snapshotResponses, totalDisclosed } from "~/domain/disclosure";

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

  it("while collecting (open, not yet open, closed by the agency): no figures, whatever the count", () => {
    for (const state of ["open", "not-yet-open", "closed-by-agency"] as const) {
      expect(instrumentDisclosure({ state, responses: 1000, minimum: 30 }), state).toEqual({ shown: false, reason: "collecting" });
    }
  });

  it("not registered: never any figure, whatever the count, but not 'collecting' (its total 0 and rating may show)", () => {
    for (const responses of [0, 5, 1000]) {
      expect(instrumentDisclosure({ state: "not-registered", responses, minimum: 30 })).toEqual({ shown: false, reason: "not-registered" });
    }
    const notRegistered = instrumentDisclosure({ state: "not-registered", responses: 0, minimum: null });
    expect(totalDisclosed([notRegistered, notRegistered, notRegistered])).toBe(true);
  });

  it("once the window has closed by date or the agency is published: final figures from max(5, minimum) responses", () => {
    for (const state of ["closed-window", "published"] as const) {
      expect(instrumentDisclosure({ state, responses: 30, minimum: 30 }), state).toEqual({ shown: true });
      expect(instrumentDisclosure({ state, responses: 29, minimum: 30 }), state).toEqual({ shown: false, reason: "too-few" });
      // A minimum below 5 (a tiny agency: all N) still needs 5 responses.
      expect(instrumentDisclosure({ state, responses: 4, minimum: 3 }), state).toEqual({ shown: false, reason: "too-few" });
      expect(instrumentDisclosure({ state, responses: 5, minimum: 3 }), state).toEqual({ shown: true });
      // No population entered: no minimum, no figures.
      expect(instrumentDisclosure({ state, responses: 500, minimum: null }), state).toEqual({ shown: false, reason: "too-few" });
    }
  });

  it("means only when disclosed; a total only when no instrument is still collecting", () => {
    const means = () => ({ i1: 80 });
    expect(disclosedMeans({ shown: true }, means)).toEqual({ i1: 80 });
    expect(disclosedMeans({ shown: false, reason: "collecting" }, means)).toEqual({});
    expect(disclosedMeans({ shown: false, reason: "too-few" }, means)).toEqual({});
    expect(totalDisclosed([{ shown: true }, { shown: false, reason: "too-few" }])).toBe(true);
    expect(totalDisclosed([{ shown: true }, { shown: false, reason: "collecting" }])).toBe(false);
  });
});
