// The demo seed's past fiscal year (2567): closed windows, and the results of part of the agencies
// published, so `npm start` shows /results with data (issue 20). The rules are 2568's, relabelled
// 2567 (the demo has no 2567 ruleset of its own). Only published agencies get responses; the rest
// are registered and unpublished, so the public pages also show an agency that is not published.
import { defaultWindows } from "~/domain/collection";
import { instrumentItems, type Ruleset } from "~/domain/ruleset";
import { eitPart2Minimum, minimumSample } from "~/domain/sampling";
import { prisma } from "~/db.server";
import { registerAgencyForCycle } from "~/models/agency.server";
import { createCycle } from "~/models/cycle.server";
import { recordResponses } from "~/models/response.server";
import { randomId } from "~/utils/crypto.server";
import { hashSeed, randomAnswers, seededRandom } from "./factories";

export const PAST_FISCAL_YEAR = 2567;

/** Seed fiscal year 2567 for `agencies`; those in `alwaysPublish` and about a quarter of the rest are published. */
export async function seedPublishedPastYear(base: Ruleset, agencies: { id: string; slug: string }[], alwaysPublish: string[]) {
  const ruleset: Ruleset = {
    ...base,
    meta: { ...base.meta, fiscalYear: PAST_FISCAL_YEAR, rulesVersion: `${base.meta.rulesVersion} (demo ${PAST_FISCAL_YEAR})` },
  };
  const cycle = await createCycle(ruleset, defaultWindows(PAST_FISCAL_YEAR));
  const publishedAt = new Date(defaultWindows(PAST_FISCAL_YEAR).oitClosesAt.getTime() + 30 * 86_400_000);
  let published = 0;
  let responses = 0;
  for (const agency of agencies) {
    const random = seededRandom(hashSeed(`${agency.slug}:${PAST_FISCAL_YEAR}`));
    const internalPopulation = 20 + Math.floor(random() * 100);
    const externalPopulation = 100 + Math.floor(random() * 300);
    await registerAgencyForCycle({ agencyId: agency.id, cycleId: cycle.id, internalPopulation, externalPopulation });
    if (!alwaysPublish.includes(agency.slug) && random() > 0.25) continue;
    // At or just above each minimum; how favourable the answers are spreads the ratings out.
    const eit1Minimum = minimumSample(externalPopulation);
    const counts = {
      iit: minimumSample(internalPopulation) + Math.floor(random() * 3),
      eit1: eit1Minimum + Math.floor(random() * 3),
      eit2: eitPart2Minimum(eit1Minimum) + Math.floor(random() * 3),
    };
    const favourable = 0.55 + random() * 0.43;
    await prisma.$transaction(async (tx) => {
      for (const [instrument, count] of Object.entries(counts) as ["iit" | "eit1" | "eit2", number][]) {
        const batch = Array.from({ length: count }, () => ({
          screening: {},
          answers: randomAnswers(ruleset, instrument === "iit" ? "iit" : "eit", random, favourable),
        }));
        await recordResponses(tx, { cycleId: cycle.id, agencyId: agency.id, instrument, ruleset }, batch);
        responses += count;
      }
      const participation = await tx.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: agency.id, cycleId: cycle.id } } });
      await tx.oitScore.createMany({
        data: instrumentItems(ruleset, "oit").map((item) => ({
          id: randomId(),
          agencyCycleId: participation.id,
          itemCode: item.code,
          score: random() < favourable ? 100 : Math.round(random() * 100),
        })),
      });
      // As publishResults does (models/publication.server.ts), without an assessor to audit: the
      // surveys close and the tallies freeze.
      await tx.agencyCycle.update({ where: { id: participation.id }, data: { publishedAt, iitOpen: false, eitOpen: false } });
      await tx.responseTally.updateMany({ where: { agencyId: agency.id, cycleId: cycle.id }, data: { frozen: true } });
    });
    published++;
  }
  return { fiscalYear: PAST_FISCAL_YEAR, published, responses };
}
