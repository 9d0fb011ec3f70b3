// The publication freeze against changes that check "published?" and then write in a separate
// step: a publish that commits between the check and the write. The interleaving is made
// deterministic by running the publish right after the route has read the agency's participation
// (getAgencyCycle) — exactly the moment a concurrent publish can land in production.
import { describe, expect, it, vi } from "vitest";
import { instrumentItems } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { publishResults } from "~/models/publication.server";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import * as eit2Route from "~/routes/admin.agencies.$slug.eit2";
import * as oitRoute from "~/routes/admin.agencies.$slug.oit";
import { randomToken } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { addResponses, agency, post, results, scoreOit, signedIn, type ResultsView } from "../fixtures/oversight";

const hooks = vi.hoisted(() => ({ afterParticipationRead: null as null | (() => Promise<unknown>) }));

vi.mock("~/models/agency.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/models/agency.server")>();
  return {
    ...original,
    getAgencyCycle: async (...args: Parameters<typeof original.getAgencyCycle>) => {
      const row = await original.getAgencyCycle(...args);
      const hook = hooks.afterParticipationRead;
      hooks.afterParticipationRead = null;
      if (hook) await hook();
      return row;
    },
  };
});

async function publishedWorld() {
  const made = await agency({ internalPopulation: 40, externalPopulation: 30 });
  const target = { agencyId: made.agency.id, cycleId: made.cycle.id };
  await addResponses(target, { iit: 31, eit1: 30, eit2: 20 }, { seed: 9, favourable: 1 });
  await scoreOit(target, () => 100);
  const assessor = await signedIn({ role: "national_assessor" });
  const agencyAdmin = await signedIn({ role: "agency_admin", agencyId: made.agency.id });
  const participation = () => prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: target } });
  return { ...target, slug: made.agency.slug, assessor, agencyAdmin, participation };
}

const OIT = instrumentItems(ita2568, "oit").map((item) => item.code);

describe(`publication freeze vs check-then-write changes (${dbTarget.provider})`, () => {
  it("control: EIT-2 entry under the same interleaving is refused by the frozen tally (403, nothing written)", async () => {
    const w = await publishedWorld();
    const before = await prisma.response.count({ where: { agencyId: w.agencyId } });
    hooks.afterParticipationRead = () => publishResults(w.agencyId, w.cycleId, w.assessor.user.id);
    const answers = Object.fromEntries(Object.entries(randomAnswers(ita2568, "eit", seededRandom(1))).map(([key, value]) => [key, String(value)]));
    const entry = await post(
      eit2Route.action,
      `/admin/agencies/${w.slug}/eit2`,
      w.assessor.cookie,
      { submissionKey: randomToken(16), "respondent-type": "private-company", ...answers },
      { slug: w.slug },
    );
    expect(hooks.afterParticipationRead).toBeNull(); // the hook ran: the route read the participation first …
    expect((await w.participation()).publishedAt).not.toBeNull(); // … and the publish committed before the write
    expect(entry.status).toBe(403);
    expect(entry.body.message).toBe("eit2.closed");
    expect(await prisma.response.count({ where: { agencyId: w.agencyId } })).toBe(before);
  });

  // Was a bug: admin.agencies.$slug._index.tsx checked publishedAt (getAgencyCycle) and then wrote
  // with an unconditional UPDATE, so a publish committing in between was followed by a population
  // change that moved the final result (IIT's minimum 30 → 40 makes 31 responses "below minimum").
  // updateAgencyCycle is now conditional on publishedAt IS NULL.
  it("set-populations racing with a publish is refused, and the published result does not move", async () => {
    const w = await publishedWorld();
    hooks.afterParticipationRead = () => publishResults(w.agencyId, w.cycleId, w.assessor.user.id);
    const change = await post(
      dashboardRoute.action,
      `/admin/agencies/${w.slug}`,
      w.agencyAdmin.cookie,
      { intent: "set-populations", internalPopulation: "200", externalPopulation: "30" },
      { slug: w.slug },
    );
    const after = await w.participation();
    expect(after.publishedAt).not.toBeNull(); // the publish did happen first
    const view = (await results(w.slug, w.assessor.cookie)).body as ResultsView;
    expect(view.final).toBe(true);
    expect(change.status).toBe(403);
    expect(after.internalPopulation).toBe(40);
    expect(view.parts.find((p) => p.code === "iit")!.processed).toBe(true);
  });

  // Was a bug: the same check-then-write in admin.agencies.$slug.oit.tsx (load() → saveOit()) wrote
  // OIT scores after the publish. saveOit now locks and re-checks the participation in its transaction.
  it("OIT scoring racing with a publish is refused, and the published OIT score does not move", async () => {
    const w = await publishedWorld();
    const fields: Record<string, string> = { intent: "assessor" };
    for (const code of OIT) {
      fields[`score.${code}`] = "0";
      fields[`comment.${code}`] = "";
    }
    hooks.afterParticipationRead = () => publishResults(w.agencyId, w.cycleId, w.assessor.user.id);
    const change = await post(oitRoute.action, `/admin/agencies/${w.slug}/oit`, w.assessor.cookie, fields, { slug: w.slug });
    expect((await w.participation()).publishedAt).not.toBeNull();
    const view = (await results(w.slug, w.assessor.cookie)).body as ResultsView;
    expect(change.status).toBe(403);
    expect(view.parts.find((p) => p.code === "oit")!.score).toBe(100);
  });
});
