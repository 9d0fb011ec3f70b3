// Replays of the audit's attacks on the disclosure rule (issue 19, decision 012; shared/security.md
// → Anonymity), through the real routes and models:
//  H1 — an agency admin holds the IIT code: it submits known answer sets until one slot of a step is
//       left, lets a colleague answer, then differences every figure its views show to recover the
//       colleague's 15 answers. Closing its own IIT early must not reveal anything either.
//  H2 — a read-only province coordinator differences the figures shown after the window closed
//       against the published ones; and a part below max(5, minimum) never shows a mean.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { itemCentipoints, itemMeansFromTally, perceptionItems } from "~/domain/answers";
import { MIN_CELL } from "~/domain/disclosure";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { publishResults } from "~/models/publication.server";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import * as codeRoute from "~/routes/iit._index";
import * as eligibilityRoute from "~/routes/iit.eligibility";
import * as surveyRoute from "~/routes/iit.survey";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { closeWindows, CookieJar, openCycle } from "../fixtures/db";
import { run } from "../fixtures/http";
import { addResponses, agency, csvRecords, dashboard, exportFile, newProvince, overview, post, results, scoreOit, signedIn } from "../fixtures/oversight";

type Route = (args: ActionFunctionArgs & LoaderFunctionArgs) => unknown;
type Answers = Record<string, number>;

// ───────────── a staff member's browser on the IIT (as test/integration/iit.test.ts drives it) ─────────────

let addresses = 0;
class Browser {
  readonly jar = new CookieJar();
  readonly address = `198.19.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;
  async call(route: unknown, path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header();
    if (cookie) headers.set("Cookie", cookie);
    const request = new Request(`http://localhost${path}`, { method: init.method ?? "GET", body: init.body, headers });
    const outcome = await run(() => (route as Route)({ request, params: {}, context: { clientAddress: this.address } }));
    this.jar.absorb(new Response(null, { headers: outcome.headers }));
    return outcome;
  }
  post(route: unknown, path: string, fields: Record<string, string>) {
    return this.call(route, path, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
    });
  }
}

/** One person answers the IIT with the code: code → eligibility → the items → thanks. */
async function answerIit(code: string, answers: Answers) {
  const browser = new Browser();
  expect((await browser.post(codeRoute.action, "/iit?index", { code })).status).toBe(302);
  expect((await browser.post(eligibilityRoute.action, "/iit/eligibility", { position: "staff", tenure: "yes" })).status).toBe(302);
  const page = await browser.call(surveyRoute.loader, "/iit/survey");
  expect(page.status).toBe(200);
  const fields = Object.fromEntries(Object.entries(answers).map(([key, value]) => [key, String(value)]));
  const submitted = await browser.post(surveyRoute.action, "/iit/survey", { submissionKey: page.body.submissionKey, ...fields });
  expect(submitted.status).toBe(302);
  expect(submitted.location).toBe("/iit/thanks");
}

/** Each IIT item's score (0–100) in one answer set, as the tally counts it. */
function itemScores(answers: Answers): Record<string, number> {
  const means = itemMeansFromTally(ita2568, "iit", { responses: 1, sums: itemCentipoints(ita2568, "iit", answers) });
  return Object.fromEntries(Object.entries(means).map(([code, value]) => [code, value as number]));
}

// ───────────── what the attacker does with what it sees ─────────────

/** Every number in a loader's answer, by its path (a.b.0.c). */
function numbers(value: unknown, path = "", out = new Map<string, number>()): Map<string, number> {
  if (typeof value === "number") out.set(path, value);
  else if (Array.isArray(value))
    value.forEach((entry, index) =>
      numbers(entry, `${path}.${(entry as { instrument?: string; code?: string })?.instrument ?? (entry as { code?: string })?.code ?? index}`, out),
    );
  else if (value && typeof value === "object") for (const [key, entry] of Object.entries(value)) numbers(entry, `${path}.${key}`, out);
  return out;
}

const ITEM_CODES = perceptionItems(ita2568, "iit").map((item) => item.code);
const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * The differencing attack: the attacker knows 4 of the 5 answer sets. Any figure keyed by an item
 * code gives the fifth: from the second view alone (5·mean − Σ known), or from both (5·after −
 * 4·before). Returns the items whose colleague score some visible figure pins down.
 */
function recover(before: Map<string, number>, after: Map<string, number>, known: Record<string, number>[], colleague: Record<string, number>) {
  const recovered = new Set<string>();
  for (const code of ITEM_CODES) {
    const knownSum = known.reduce((sum, scores) => sum + scores[code], 0);
    for (const [path, value] of after) {
      if (!path.endsWith(`.${code}`)) continue;
      const candidates = [5 * value - knownSum];
      const previous = before.get(path);
      if (previous !== undefined) candidates.push(5 * value - 4 * previous);
      if (candidates.some((candidate) => close(candidate, colleague[code]))) recovered.add(code);
    }
  }
  return recovered;
}

/** Paths of numbers that are counts (allowed live) rather than figures computed from answers. */
const COUNT_PATH = /(\.responses|\.percent|\.minimum|\.weight|\.refusedOverCap|\.fiscalYear)$|\.days\.|\.otp\.|\.counters\./;

// ───────────── H1 ─────────────

describe(`attack H1: an agency admin with the IIT code differences its own views (${dbTarget.provider})`, () => {
  it(
    "4 known answer sets, a colleague's 5th: no figure computed from answers to difference, counts live (4 then 5); closing its IIT early shows nothing either",
    { timeout: 120_000 },
    async () => {
      await openCycle();
      const made = await agency({ internalPopulation: 40, externalPopulation: 30 });
      const slug = made.agency.slug;
      const admin = await signedIn({ role: "agency_admin", agencyId: made.agency.id });
      // The admin (re)issues the agency's IIT code from its dashboard, as it would to hand it out.
      const rotated = await post(dashboardRoute.action, `/admin/agencies/${slug}`, admin.cookie, { intent: "rotate-code" }, { slug });
      expect(rotated.status).toBe(200);
      const code = rotated.body.newCode as string;
      expect(code).toBeTruthy();

      // What the admin's browser receives: the dashboard and results loaders' data (the `.data` requests).
      const look = async () => {
        const board = await dashboard(slug, admin.cookie);
        const page = await results(slug, admin.cookie);
        expect(board.status).toBe(200);
        expect(page.status).toBe(200);
        return { board: board.body, page: page.body, all: numbers({ board: board.body, page: page.body }) };
      };
      const iitCount = (view: Awaited<ReturnType<typeof look>>) =>
        view.board.progress.find((row: { instrument: string }) => row.instrument === "iit").responses;

      // Four known answer sets, different from each other, through the real IIT routes.
      const random = seededRandom(1919);
      const known = Array.from({ length: MIN_CELL - 1 }, () => randomAnswers(ita2568, "iit", random, 0.5));
      for (const answers of known) await answerIit(code, answers);
      const before = await look();
      expect(iitCount(before)).toBe(4);

      // The colleague answers (the admin does not know these answers; the test does, to check).
      const colleagueAnswers = randomAnswers(ita2568, "iit", seededRandom(777), 0.2);
      await answerIit(code, colleagueAnswers);
      const after = await look();
      expect(iitCount(after)).toBe(5);

      // The attack: difference every number the admin can see, before against after.
      const colleague = itemScores(colleagueAnswers);
      const knownScores = known.map(itemScores);
      expect(Object.keys(colleague)).toHaveLength(15);
      const recovered = recover(before.all, after.all, knownScores, colleague);
      expect([...recovered], "colleague items recovered by differencing").toEqual([]);
      // Nothing but counts moved or appeared between the two views …
      const moved = [...after.all].filter(([path, value]) => before.all.get(path) !== value).map(([path]) => path);
      expect(
        moved.filter((path) => !COUNT_PATH.test(path)),
        "figures that moved with one response",
      ).toEqual([]);
      // … because no figure computed from answers is there while the IIT collects.
      for (const view of [before, after]) {
        expect(view.board.progress.map((row: { means: unknown }) => row.means)).toEqual([null, null, null]);
        expect(view.page.total).toBeNull();
        expect(view.page.rating).toBeNull();
        const iit = view.page.parts.find((part: { code: string }) => part.code === "iit");
        expect(iit.score).toBeNull();
        expect(iit.indicators.map((indicator: { score: unknown }) => indicator.score)).toEqual([null, null, null, null, null]);
      }

      // The admin closes its own IIT early (its dashboard's switch): still collecting as far as
      // disclosure goes (it can reopen), so still nothing.
      const closed = await post(
        dashboardRoute.action,
        `/admin/agencies/${slug}`,
        admin.cookie,
        { intent: "set-open", instrument: "iit", open: "false" },
        { slug },
      );
      expect(closed.status).toBe(200);
      expect((await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: made.agency.id, cycleId: made.cycle.id } } })).iitOpen).toBe(
        false,
      );
      const closedEarly = await look();
      expect(iitCount(closedEarly)).toBe(5);
      expect([...recover(before.all, closedEarly.all, knownScores, colleague)], "recovered after closing early").toEqual([]);
      expect(closedEarly.board.progress.map((row: { means: unknown }) => row.means)).toEqual([null, null, null]);
      expect(closedEarly.page.total).toBeNull();
      expect(closedEarly.page.parts.find((part: { code: string }) => part.code === "iit").score).toBeNull();
      const movedOnClose = [...closedEarly.all].filter(([path, value]) => before.all.get(path) !== value).map(([path]) => path);
      expect(
        movedOnClose.filter((path) => !COUNT_PATH.test(path)),
        "figures shown once closed early",
      ).toEqual([]);
    },
  );
});

// ───────────── H2 ─────────────

describe(`attack H2: a province coordinator differences final figures against published ones (${dbTarget.provider})`, () => {
  const world = {} as {
    province: { id: string; slug: string };
    coordinator: string;
    assessorId: string;
    full: string;
    fullId: string;
    thin: string;
    thinId: string;
    cycleId: string;
  };

  beforeAll(async () => {
    const cycle = await openCycle();
    const province = await newProvince("จังหวัดโจมตีสอง", "H2 province");
    // full: every part above its minimum (33/30, 31/30, 22/20) and OIT scored.
    const full = await agency({ provinceId: province.id, internalPopulation: 40, externalPopulation: 30 });
    // Two batches: 30 / 30 / 20, then 3 / 1 / 2 more that cross no multiple of 5 — the last stepped
    // snapshot of the old rule stood at 30 / 30 / 20 while the live tally went on (what H2 differenced).
    await addResponses({ agencyId: full.agency.id, cycleId: cycle.id }, { iit: 30, eit1: 30, eit2: 20 }, { seed: 201, favourable: 0.6 });
    await addResponses({ agencyId: full.agency.id, cycleId: cycle.id }, { iit: 3, eit1: 1, eit2: 2 }, { seed: 203, favourable: 0 });
    await scoreOit({ agencyId: full.agency.id, cycleId: cycle.id }, (_code, index) => (index % 4 === 0 ? 50 : 100));
    // thin: EIT-2 with ONE response (below max(5, 20)); the rest above the minimums.
    const thin = await agency({ provinceId: province.id, internalPopulation: 40, externalPopulation: 30 });
    await addResponses({ agencyId: thin.agency.id, cycleId: cycle.id }, { iit: 30, eit1: 30, eit2: 1 }, { seed: 202, favourable: 0.4 });
    await scoreOit({ agencyId: thin.agency.id, cycleId: cycle.id }, () => 100);
    Object.assign(world, {
      province,
      coordinator: (await signedIn({ role: "province_coordinator", provinceId: province.id })).cookie,
      assessorId: (await signedIn({ role: "national_assessor" })).user.id,
      full: full.agency.slug,
      fullId: full.agency.id,
      thin: thin.agency.slug,
      thinId: thin.agency.id,
      cycleId: cycle.id,
    });
  });

  /** Everything the coordinator sees of one agency: overview row, results page, JSON and CSV export. */
  async function coordinatorSees(slug: string) {
    const listing = await overview(world.coordinator, { q: slug });
    const row = listing.body.rows.find((r: { slug: string }) => r.slug === slug);
    const page = (await results(slug, world.coordinator)).body;
    const json = (await exportFile(world.coordinator, `agency:${slug}`, "json")).body;
    const csv = await exportFile(world.coordinator, `province:${world.province.slug}`, "csv");
    const record = csvRecords(new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.bytes!).slice(1, -2)).find((r) => r.agency_slug === slug)!;
    // Publication itself, and the file's own facts, are not figures computed from answers.
    const { published: _published, generated_at: _at, source_sha256: _sha, ...csvFigures } = record;
    const { final: _final, publishedOn: _on, canPublish: _can, ...pageFigures } = page;
    const { published: _rowPublished, risk: _risk, ...rowFigures } = row;
    return { row, page, json, record, figures: { row: rowFigures, page: pageFigures, json, csv: csvFigures } };
  }

  it("after the window closes: the same final figures before and after publication, all from the final counts", { timeout: 120_000 }, async () => {
    // (While collecting nothing is shown at all: test/integration/small-cells.test.ts and H1.)
    await closeWindows(world.cycleId);
    const beforePublication = await coordinatorSees(world.full);
    expect(beforePublication.page.final).toBe(false);
    expect(beforePublication.row.total).not.toBeNull();
    expect(beforePublication.row.total).toBe(beforePublication.page.total);
    expect(beforePublication.json).toMatchObject({ iit: { respondents: 33 }, eit1: { respondents: 31 }, eit2: { respondents: 22 } });
    expect(Number(beforePublication.record.total)).toBe(beforePublication.page.total);

    expect(await publishResults(world.fullId, world.cycleId, world.assessorId)).toBe("published");
    const afterPublication = await coordinatorSees(world.full);
    expect(afterPublication.page.final).toBe(true);
    // No pair of visible figures differs by fewer than 5 responses: every figure is the same.
    expect(afterPublication.figures).toEqual(beforePublication.figures);
    const differing = [...numbers(afterPublication.figures)].filter(([path, value]) => numbers(beforePublication.figures).get(path) !== value);
    expect(differing).toEqual([]);
  });

  it("an EIT-2 with 1 response (below max(5, minimum)) shows no mean, published or not", { timeout: 120_000 }, async () => {
    await closeWindows(world.cycleId);
    const hiddenBecause: unknown[] = [];
    const check = async (label: string) => {
      const seen = await coordinatorSees(world.thin);
      const eit2 = seen.page.parts.find((part: { code: string }) => part.code === "eit2");
      expect(eit2.score, label).toBeNull();
      expect(
        eit2.indicators.map((indicator: { score: unknown }) => indicator.score),
        label,
      ).toEqual([null, null, null]);
      expect(seen.json.eit2, label).toBeUndefined();
      expect(seen.record.eit2_score, label).toBe("");
      for (const [key, value] of Object.entries(seen.record)) if (key.startsWith("eit2_e")) expect(value, `${label} ${key}`).toBe("");
      // The parts with enough responses do show, and so does the total (EIT-2 counts 0).
      expect(seen.json.iit, label).toBeDefined();
      expect(seen.page.total, label).not.toBeNull();
      const board = (await dashboard(world.thin, world.coordinator)).body;
      const row = board.progress.find((r: { instrument: string }) => r.instrument === "eit2");
      expect(row, label).toMatchObject({ responses: 1, means: null });
      hiddenBecause.push(row.meansHiddenBecause);
      return seen;
    };
    const before = await check("window closed, not published");
    expect(await publishResults(world.thinId, world.cycleId, world.assessorId)).toBe("published");
    const after = await check("published");
    expect(after.figures).toEqual(before.figures);
    expect(hiddenBecause).toEqual(["too-few", "too-few"]);
  });
});
