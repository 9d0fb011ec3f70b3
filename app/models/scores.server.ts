// An agency's scores for a cycle: ONE read of what scoring needs and ONE pass of the scoring core.
// The results page, the improvement-plan report, the exports and the overview (batched over many
// agencies) all take their figures from here, so they cannot disagree on a total.
// What is read: the participation (populations, registered, published), the live tallies (their
// counts decide processed / not processed; their means are used only once disclosed, decision 012)
// and the OIT scores. Never a scan of responses.
import { itemMeansFromTally } from "~/domain/answers";
import type { Ruleset } from "~/domain/ruleset";
import { scoreAssessment, type AssessmentInput, type AssessmentResult } from "~/domain/scoring";
import type { Instrument } from "~/generated/sqlite/enums";
import { dbTarget, prisma, type Db } from "~/db.server";
import { collectionState, type CollectionWindows } from "~/domain/collection";
import { disclosedMeans, instrumentDisclosure, totalDisclosed, type Disclosure } from "~/domain/disclosure";
import { assessmentInput, minimumsFor } from "./progress.server";
import { rulesetInstrument, tallyFromRow, type Tally } from "./response.server";

const INSTRUMENTS: Instrument[] = ["iit", "eit1", "eit2"];

/** The agency as scoring needs it: its size group can fix the EIT-1 minimum. */
export type AgencyRef = { id: string; sizeGroup: string | null };

export type Participation = {
  id: string;
  agencyId: string;
  registered: boolean;
  internalPopulation: number | null;
  externalPopulation: number | null;
  iitOpen: boolean;
  eitOpen: boolean;
  publishedAt: Date | null;
};

export type AgencyScores = {
  agencyId: string;
  /** null: not taking part in the cycle */
  participation: Participation | null;
  registered: boolean;
  published: boolean;
  populations: { internalPopulation: number | null; externalPopulation: number | null; sizeGroup: string | null };
  /** live response counts */
  counts: Record<Instrument, number>;
  /** what the scoring core was given (the scoring CLI's input) and what it returned */
  input: AssessmentInput;
  assessment: AssessmentResult;
  /** per instrument: may its figures be shown (domain/disclosure.ts); hidden ones were scored from no means */
  disclosure: Record<Instrument, Disclosure>;
  /** may the total and rating be shown: no instrument is still collecting */
  totalShown: boolean;
};

type TallyRow = { agencyId: string; instrument: string; responses: number } & Record<string, unknown>;

/** What scoring reads for a set of agencies, looked up by agency (and instrument). */
export type ScoringReads = {
  participation: (agencyId: string) => Participation | null;
  count: (agencyId: string, instrument: Instrument) => number;
  /** the live tally (its means are used only once disclosed) */
  tally: (agencyId: string, instrument: Instrument) => Tally;
  oitItems: (participation: Participation | null) => Record<string, number | null>;
};

/** The n-th bind parameter in the database's own syntax. */
export function sqlParam(n = 1) {
  return dbTarget.provider === "postgres" ? `$${n}` : "?";
}

/** ` AND "column" IN (…ids)` for raw SQL, or nothing for every agency (`ids` null). */
export function sqlInIds(ids: string[] | null, column: string) {
  return ids ? ` AND ${column} IN (${ids.map((id) => `'${id.replace(/'/g, "")}'`).join(",") || "NULL"})` : "";
}

/**
 * The scoring reads for the agencies `agencyIds` (null: every agency) in a cycle: four queries,
 * whatever the number of agencies or responses, plus one for the live tallies of published ones.
 * The two big reads (≈ 25k tally rows, 150k OIT scores at national scale) are plain SQL:
 * Prisma's typed reads cost several times more per row here (docs/decisions/005).
 */
export async function readScoring(cycleId: string, agencyIds: string[] | null, db: Db = prisma): Promise<ScoringReads> {
  const byAgency = agencyIds ? { agencyId: { in: agencyIds } } : {};
  const [participations, tallies, oitScores] = await Promise.all([
    db.agencyCycle.findMany({
      where: { cycleId, ...byAgency },
      select: {
        id: true,
        agencyId: true,
        registered: true,
        internalPopulation: true,
        externalPopulation: true,
        iitOpen: true,
        eitOpen: true,
        publishedAt: true,
      },
    }),
    db.$queryRawUnsafe<TallyRow[]>(`SELECT * FROM "ResponseTally" WHERE "cycleId" = ${sqlParam()}${sqlInIds(agencyIds, '"agencyId"')}`, cycleId),
    db.$queryRawUnsafe<{ agencyCycleId: string; itemCode: string; score: number }[]>(
      `SELECT o."agencyCycleId", o."itemCode", o."score" FROM "OitScore" o JOIN "AgencyCycle" c ON c."id" = o."agencyCycleId" WHERE c."cycleId" = ${sqlParam()} AND o."score" IS NOT NULL${sqlInIds(agencyIds, 'c."agencyId"')}`,
      cycleId,
    ),
  ]);
  const key = (agencyId: string, instrument: string) => `${agencyId}|${instrument}`;
  const participationOf = new Map(participations.map((row) => [row.agencyId, row]));
  const tallyOf = new Map(tallies.map((row) => [key(row.agencyId, row.instrument), row]));
  const oitOf = new Map<string, Record<string, number | null>>();
  for (const score of oitScores) {
    const items = oitOf.get(score.agencyCycleId) ?? {};
    items[score.itemCode] = score.score;
    oitOf.set(score.agencyCycleId, items);
  }
  return {
    participation: (agencyId) => participationOf.get(agencyId) ?? null,
    count: (agencyId, instrument) => Number(tallyOf.get(key(agencyId, instrument))?.responses ?? 0),
    tally: (agencyId, instrument) => tallyFromRow(tallyOf.get(key(agencyId, instrument))),
    oitItems: (participation) => (participation ? (oitOf.get(participation.id) ?? {}) : {}),
  };
}

/**
 * One pass of the scoring core for one agency. An instrument's means go in only once its figures
 * may be shown (domain/disclosure.ts: window closed by date or published, and enough responses);
 * while it collects it is scored from no means, and its figures are marked hidden.
 */
export function scoreAgency(reads: ScoringReads, agency: AgencyRef, ruleset: Ruleset, cycle: CollectionWindows, now: Date = new Date()): AgencyScores {
  const participation = reads.participation(agency.id);
  const registered = participation?.registered ?? false;
  const published = Boolean(participation?.publishedAt);
  const populations = {
    internalPopulation: participation?.internalPopulation ?? null,
    externalPopulation: participation?.externalPopulation ?? null,
    sizeGroup: agency.sizeGroup,
  };
  const counts = Object.fromEntries(INSTRUMENTS.map((i) => [i, reads.count(agency.id, i)])) as Record<Instrument, number>;
  const minimums = minimumsFor(populations, ruleset);
  const disclosure = Object.fromEntries(
    INSTRUMENTS.map((i) => [i, instrumentDisclosure({ state: collectionState(cycle, participation, i, now), responses: counts[i], minimum: minimums[i] })]),
  ) as Record<Instrument, Disclosure>;
  const means = (instrument: Instrument) =>
    disclosedMeans(disclosure[instrument], () => itemMeansFromTally(ruleset, rulesetInstrument(instrument), reads.tally(agency.id, instrument)));
  const input = assessmentInput({ registered, ...populations, counts, means, oitItems: reads.oitItems(participation) });
  const assessment = scoreAssessment(input, ruleset);
  return {
    agencyId: agency.id,
    participation,
    registered,
    published,
    populations,
    counts,
    input,
    assessment,
    disclosure,
    totalShown: totalDisclosed(Object.values(disclosure)),
  };
}

/** An agency's scores for a cycle: the reads above for one agency, and one pass of the scoring core. */
export async function getAgencyScores(
  cycle: { id: string } & CollectionWindows,
  agency: AgencyRef,
  ruleset: Ruleset,
  db: Db = prisma,
  now: Date = new Date(),
): Promise<AgencyScores> {
  return scoreAgency(await readScoring(cycle.id, [agency.id], db), agency, ruleset, cycle, now);
}
