// The reads behind the public results (issue 20 §1, docs/decisions/023): which fiscal years have
// published agencies and how far publication has gone in each (the "publication version" the
// public pages are cached on), and one published year's agencies scored by the one scoring pass
// (scores.server.ts), so the public figures are the admin results page's figures.
// Only agencies whose AgencyCycle.publishedAt is set are read: an unpublished agency's counts and
// figures never leave this file.
import type { Ruleset } from "~/domain/ruleset";
import { prisma, type Db } from "~/db.server";
import { getCycleRuleset } from "./cycle.server";
import { readScoring, scoreAgency, type AgencyScores } from "./scores.server";

/**
 * How far publication has gone in a fiscal year: how many agencies are published and the latest
 * publication. Publication freezes an agency's tallies, OIT scores and populations (decision 005),
 * so a year's public figures change only when this changes.
 */
export type PublicationVersion = { cycleId: string; fiscalYear: number; published: number; lastPublishedAt: Date };

/** Every fiscal year with at least one published agency, newest first: two small queries. */
export async function listPublicationVersions(db: Db = prisma): Promise<PublicationVersion[]> {
  const [groups, cycles] = await Promise.all([
    db.agencyCycle.groupBy({ by: ["cycleId"], where: { publishedAt: { not: null } }, _count: { _all: true }, _max: { publishedAt: true } }),
    db.cycle.findMany({ select: { id: true, fiscalYear: true } }),
  ]);
  const yearOf = new Map(cycles.map((cycle) => [cycle.id, cycle.fiscalYear]));
  return groups
    .filter((group) => yearOf.has(group.cycleId) && group._max.publishedAt)
    .map((group) => ({
      cycleId: group.cycleId,
      fiscalYear: yearOf.get(group.cycleId)!,
      published: group._count._all,
      lastPublishedAt: group._max.publishedAt!,
    }))
    .sort((a, b) => b.fiscalYear - a.fiscalYear);
}

export type PublishedAgency = {
  slug: string;
  nameTh: string;
  nameEn: string;
  kind: string;
  province: { slug: string; nameTh: string; nameEn: string } | null;
  publishedAt: Date;
  scores: AgencyScores;
};

export type PublishedYear = {
  fiscalYear: number;
  rulesVersion: string;
  ruleset: Ruleset;
  /** agencies registered for the year (assessed), published or not: a count of agencies only */
  registered: number;
  agencies: PublishedAgency[];
};

/** One year's published agencies, each scored once from its frozen tallies and OIT scores. */
export async function readPublishedYear(cycleId: string, db: Db = prisma): Promise<PublishedYear> {
  const cycle = await db.cycle.findUniqueOrThrow({ where: { id: cycleId } });
  const ruleset = getCycleRuleset(cycle);
  const [participations, registered] = await Promise.all([
    db.agencyCycle.findMany({
      where: { cycleId, publishedAt: { not: null } },
      select: {
        publishedAt: true,
        agency: {
          select: {
            id: true,
            slug: true,
            nameTh: true,
            nameEn: true,
            kind: true,
            sizeGroup: true,
            province: { select: { slug: true, nameTh: true, nameEn: true } },
          },
        },
      },
      orderBy: { agency: { slug: "asc" } },
    }),
    db.agencyCycle.count({ where: { cycleId, registered: true } }),
  ]);
  // The year's scoring reads in a handful of queries (scores.server.ts), for every agency rather than
  // an IN list of thousands of ids; only the published ones below are scored and leave this file.
  const reads = await readScoring(cycleId, null, db);
  const now = new Date();
  return {
    fiscalYear: cycle.fiscalYear,
    rulesVersion: cycle.rulesVersion,
    ruleset,
    registered,
    agencies: participations.map(({ agency, publishedAt }) => ({
      slug: agency.slug,
      nameTh: agency.nameTh,
      nameEn: agency.nameEn,
      kind: agency.kind,
      province: agency.province,
      publishedAt: publishedAt!,
      // Published: every instrument's state is "published" whatever the clock says, so the figures
      // are the final ones (domain/collection.ts, domain/disclosure.ts).
      scores: scoreAgency(reads, agency, ruleset, cycle, now),
    })),
  };
}

/** The agency behind a public page's slug (any agency of the register), or null. */
export function findAgencyForPublicPage(slug: string, db: Db = prisma) {
  return db.agency.findUnique({ where: { slug }, select: { slug: true, nameTh: true, nameEn: true } });
}

/** The province behind a public page's slug, or null. */
export function findProvinceForPublicPage(slug: string, db: Db = prisma) {
  return db.province.findUnique({ where: { slug }, select: { id: true, slug: true, nameTh: true, nameEn: true } });
}
