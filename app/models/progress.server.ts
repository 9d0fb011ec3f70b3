// What an agency's dashboard shows: live counts against the minimum samples, the not-processed
// reasons (from the one scoring core), and item/indicator means under the small-cell rules.
import { itemMeansFromTally } from "~/domain/answers";
import { collectionState } from "~/domain/collection";
import { instrumentDisclosure, MIN_CELL } from "~/domain/disclosure";
import type { Ruleset } from "~/domain/ruleset";
import { scoreAssessment, type AssessmentInput, type AssessmentResult, type PartResult } from "~/domain/scoring";
import { eitPart1Minimum, eitPart2Minimum, minimumSample } from "~/domain/sampling";
import type { Instrument } from "~/generated/sqlite/enums";
import { prisma, type Db } from "~/db.server";
import { otpHourStats } from "./otp.server";
import { getTally, rulesetInstrument } from "./response.server";

export type InstrumentStatus = "collecting" | "minimum-reached" | "closed" | "not-processed";

export type InstrumentProgress = {
  instrument: Instrument;
  responses: number;
  minimum: number | null;
  percent: number | null;
  status: InstrumentStatus;
  /** Why the part would not be processed if the cycle closed now (null: it would be). */
  reason: PartResult["reason"];
  /** Final item and indicator means (domain/disclosure.ts); null while collecting or from too few responses. */
  means: { asOfResponses: number; items: Record<string, number | null>; indicators: Record<string, number | null> } | null;
  meansHiddenBecause: "collecting" | "too-few" | "not-registered" | null;
};

type CycleLike = { id: string; iitOpensAt: Date; iitClosesAt: Date; eitOpensAt: Date; eitClosesAt: Date; oitOpensAt: Date; oitClosesAt: Date };

export function minimumsFor(
  populations: { internalPopulation: number | null; externalPopulation: number | null; sizeGroup?: string | null },
  ruleset: Ruleset,
) {
  const iit = populations.internalPopulation != null ? minimumSample(populations.internalPopulation, ruleset.sampling) : null;
  const eit1 = eitPart1Minimum(populations.externalPopulation, populations.sizeGroup ?? null, ruleset.sampling);
  const eit2 = eit1 != null ? eitPart2Minimum(eit1, ruleset.sampling) : null;
  return { iit, eit1, eit2 };
}

export type AgencyScoringData = {
  registered: boolean;
  sizeGroup: string | null;
  internalPopulation: number | null;
  externalPopulation: number | null;
  /** live response counts (what decides processed / not processed) */
  counts: Record<Instrument, number>;
  /** item means to score with: the live ones (the assessment they feed is never shown; decision 012) */
  means: (instrument: Instrument) => Record<string, number | null>;
  oitItems: Record<string, number | null>;
};

/** The scoring core's input for one agency, from its tallies: one shape for every view and export. */
export function assessmentInput(data: AgencyScoringData): AssessmentInput {
  return {
    registered: data.registered,
    group: data.sizeGroup,
    iit: { items: data.means("iit"), respondents: data.counts.iit, population: data.internalPopulation },
    eit1: { items: data.means("eit1"), respondents: data.counts.eit1, population: data.externalPopulation },
    eit2: { items: data.means("eit2"), respondents: data.counts.eit2 },
    oit: { items: data.oitItems },
  };
}

export async function getAgencyProgress(agencyId: string, cycle: CycleLike, ruleset: Ruleset, now = new Date(), db: Db = prisma) {
  const [agency, agencyCycle] = await Promise.all([
    db.agency.findUniqueOrThrow({ where: { id: agencyId } }),
    db.agencyCycle.findUnique({ where: { agencyId_cycleId: { agencyId, cycleId: cycle.id } }, include: { oitScores: true } }),
  ]);
  const populations = {
    internalPopulation: agencyCycle?.internalPopulation ?? null,
    externalPopulation: agencyCycle?.externalPopulation ?? null,
    sizeGroup: agency.sizeGroup,
  };
  const minimums = minimumsFor(populations, ruleset);
  const instruments: Instrument[] = ["iit", "eit1", "eit2"];
  const live = Object.fromEntries(await Promise.all(instruments.map(async (i) => [i, await getTally(agencyId, cycle.id, i, db)] as const)));

  // The live assessment decides processed / not processed (from counts and populations); its
  // means are never shown.
  const liveMeans = (i: Instrument) => itemMeansFromTally(ruleset, rulesetInstrument(i), live[i]);
  const oitItems = Object.fromEntries((agencyCycle?.oitScores ?? []).map((score) => [score.itemCode, score.score]));
  const counts = { iit: live.iit.responses, eit1: live.eit1.responses, eit2: live.eit2.responses };
  const assess = (means: (i: Instrument) => Record<string, number | null>): AssessmentResult =>
    scoreAssessment(assessmentInput({ registered: agencyCycle?.registered ?? false, ...populations, counts, means, oitItems }), ruleset);
  const assessment = assess(liveMeans);

  const progress = instruments.map((instrument): InstrumentProgress => {
    const responses = live[instrument].responses;
    const minimum = minimums[instrument];
    const part = assessment.parts[instrument];
    const state = collectionState(cycle, agencyCycle, instrument, now);
    const open = state === "open";
    const reached = minimum !== null && responses >= minimum;
    const status: InstrumentStatus =
      part.reason?.code === "population-missing" || part.reason?.code === "not-registered" || (!open && !reached)
        ? "not-processed"
        : !open
          ? "closed"
          : reached
            ? "minimum-reached"
            : "collecting";
    // Item and indicator means: final figures only (domain/disclosure.ts, decision 012).
    const disclosure = instrumentDisclosure({ state, responses, minimum });
    return {
      instrument,
      responses,
      minimum,
      percent: minimum ? Math.min(100, Math.round((responses / minimum) * 1000) / 10) : null,
      status,
      reason: part.processed ? null : part.reason,
      means: disclosure.shown ? { asOfResponses: responses, items: liveMeans(instrument), indicators: part.indicators } : null,
      meansHiddenBecause: disclosure.shown ? null : disclosure.reason,
    };
  });

  // SMS pumping shows as many codes sent and few verified (shared/security.md → SMS cost abuse).
  const lastHour = new Date(now.getTime() - 3600_000);
  const [otpThisHour, otpPreviousHour] = await Promise.all([otpHourStats(agencyId, now, db), otpHourStats(agencyId, lastHour, db)]);
  const [counters, daily] = await Promise.all([
    // Per-counter counts come from their own tally (never from response rows), labels from the
    // registered counters; a count is shown only from MIN_CELL responses (small cells).
    db.serviceCounter.findMany({ where: { agencyId }, include: { tallies: { where: { cycleId: cycle.id } } }, orderBy: { createdAt: "asc" } }),
    db.dailyCount.findMany({ where: { agencyId, cycleId: cycle.id }, orderBy: { day: "asc" } }),
  ]);
  return {
    agency,
    agencyCycle,
    minimums,
    progress,
    assessment,
    otp: { thisHour: otpThisHour, previousHour: otpPreviousHour },
    counters: counters.map((counter) => {
      const responses = counter.tallies[0]?.responses ?? 0;
      return { id: counter.id, label: counter.label, retired: counter.retiredAt !== null, responses: responses >= MIN_CELL ? responses : null };
    }),
    daily: daily.map((row) => ({ day: row.day, instrument: row.instrument, responses: row.responses })),
  };
}
