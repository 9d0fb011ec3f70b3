// Builders shared by the seed and the tests, so demo data and test data have one shape.
import { perceptionItems } from "~/domain/answers";
import type { Ruleset } from "~/domain/ruleset";

const DAY_MS = 86_400_000;

/** The service counter the demo seed registers for the demo agency, so its poster works out of the box. */
export const DEMO_COUNTER_LABEL = "เคาน์เตอร์ 1 / Front desk";

/** Cycle windows open since yesterday: surveys for 30 more days, OIT for 60 (tests and benchmarks). */
export function openWindows(now = Date.now()) {
  return {
    iitOpensAt: new Date(now - DAY_MS),
    iitClosesAt: new Date(now + 30 * DAY_MS),
    eitOpensAt: new Date(now - DAY_MS),
    eitClosesAt: new Date(now + 30 * DAY_MS),
    oitOpensAt: new Date(now - DAY_MS),
    oitClosesAt: new Date(now + 60 * DAY_MS),
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

/**
 * A complete, valid answer set (option index per answer key). `favourable` (0–1) skews answers
 * towards the best-scoring option, so demo agencies look like real ones (mostly ≥ 85).
 */
export function randomAnswers(ruleset: Ruleset, instrument: "iit" | "eit", random: () => number, favourable = 0.8) {
  const answers: Record<string, number> = {};
  for (const item of perceptionItems(ruleset, instrument)) {
    for (const { key, optionSet } of item.answers) {
      const points = optionSet.options.map((option) => option.points);
      const best = points.indexOf(Math.max(...points));
      answers[key] = random() < favourable ? best : Math.floor(random() * points.length);
    }
  }
  return answers;
}
