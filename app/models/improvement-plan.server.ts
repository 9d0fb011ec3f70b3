// The improvement plan (การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร): versions of an agency's plan per
// cycle, and the report assembled from its scores (the same scoring path as the results page).
import type { CollectionWindows } from "~/domain/collection";
import { analyseIndicators, methodology, reportScores } from "~/domain/improvement";
import type { Ruleset } from "~/domain/ruleset";
import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";
import { emptyPlan, PlanContentSchema, type PlanContent } from "~/utils/plan-schema";
import { recordAudit } from "./audit.server";
import { getCycleByFiscalYear } from "./cycle.server";
import { isUniqueViolation } from "./submission.server";
import { getAgencyScores } from "./scores.server";

/** Saves by the same person within this time update the latest version instead of adding one. */
export const EDIT_SESSION_MS = 30 * 60 * 1000;

export type SavedPlan = { version: number; content: PlanContent; savedAt: Date; savedById: string | null };

function parseContent(json: string): PlanContent {
  const parsed = PlanContentSchema.safeParse(JSON.parse(json));
  // A version written by an older schema still prints: fall back field by field to empty.
  return parsed.success ? parsed.data : { ...emptyPlan(), ...(JSON.parse(json) as Partial<PlanContent>) };
}

/** The latest version, or the given one; null when none is saved. */
export async function getPlan(agencyId: string, cycleId: string, version?: number, db: Db = prisma): Promise<SavedPlan | null> {
  const row = await db.improvementPlan.findFirst({
    where: { agencyId, cycleId, ...(version ? { version } : {}) },
    orderBy: { version: "desc" },
  });
  return row ? { version: row.version, content: parseContent(row.content), savedAt: row.updatedAt, savedById: row.savedById } : null;
}

export function listPlanVersions(agencyId: string, cycleId: string, db: Db = prisma) {
  return db.improvementPlan.findMany({
    where: { agencyId, cycleId },
    orderBy: { version: "desc" },
    select: { version: true, createdAt: true, updatedAt: true, savedById: true },
  });
}

/**
 * Save the plan: within one editing session (same person, < 30 min since the last save) the
 * latest version is updated; otherwise, or when `newVersion` is asked for, a version is added.
 */
export async function savePlan(
  input: { agencyId: string; cycleId: string; content: PlanContent; userId: string; newVersion?: boolean },
  now = new Date(),
  db: Db = prisma,
): Promise<number> {
  const content = JSON.stringify(input.content);
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = await db.improvementPlan.findFirst({ where: { agencyId: input.agencyId, cycleId: input.cycleId }, orderBy: { version: "desc" } });
    const sameSession = latest && !input.newVersion && latest.savedById === input.userId && now.getTime() - latest.updatedAt.getTime() < EDIT_SESSION_MS;
    try {
      if (latest && sameSession) {
        await db.improvementPlan.update({ where: { id: latest.id }, data: { content, updatedAt: now } });
        return latest.version;
      }
      const version = (latest?.version ?? 0) + 1;
      await db.improvementPlan.create({
        data: { id: randomId(), agencyId: input.agencyId, cycleId: input.cycleId, version, content, savedById: input.userId, createdAt: now, updatedAt: now },
      });
      await recordAudit({ action: "agency.plan.version", outcome: "ok", actorId: input.userId, agencyId: input.agencyId, detail: { version } }, db);
      return version;
    } catch (error) {
      // Two editors added the same version number at once: read again and retry.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("Could not save the plan: too many concurrent saves");
}

type CycleLike = { id: string; fiscalYear: number; rulesVersion: string } & CollectionWindows;

/**
 * Everything the report shows: the agency's scores (final figures only: none while an instrument
 * collects, domain/disclosure.ts), the analysis per indicator at the plan's threshold, the methodology from the rules,
 * the plan itself and last fiscal year's plan for comparison.
 */
export async function getImprovementReport(agencyId: string, cycle: CycleLike, ruleset: Ruleset, version?: number, db: Db = prisma) {
  const [agency, plan, previousCycle] = await Promise.all([
    db.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { id: true, sizeGroup: true } }),
    getPlan(agencyId, cycle.id, version, db),
    getCycleByFiscalYear(cycle.fiscalYear - 1, db),
  ]);
  const [row, previousPlan] = await Promise.all([
    getAgencyScores(cycle, agency, ruleset, db),
    previousCycle ? getPlan(agencyId, previousCycle.id, undefined, db) : null,
  ]);
  const content = plan?.content ?? emptyPlan();
  const scores = reportScores(ruleset, row.input, row.assessment);
  return {
    fiscalYear: cycle.fiscalYear,
    rulesVersion: cycle.rulesVersion,
    published: row.published,
    total: row.totalShown ? row.assessment.total : null,
    rating: row.totalShown ? row.assessment.rating : null,
    parts: row.assessment.parts,
    disclosure: row.disclosure,
    scores,
    analyses: analyseIndicators(ruleset, scores, content.threshold),
    methodology: methodology(ruleset),
    plan: plan ? { version: plan.version, savedAt: plan.savedAt } : null,
    content,
    previous: previousPlan && previousCycle ? { fiscalYear: previousCycle.fiscalYear, content: previousPlan.content } : null,
  };
}
