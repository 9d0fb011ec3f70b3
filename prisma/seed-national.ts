// `npm run seed:national` — a national-scale dataset for the oversight benchmarks (issue #6):
// 77 provinces, 8,300 agencies (Sakon Nakhon's 142 from the demo list, the rest with generated
// names), about 3 million anonymous responses spread over a 40-day collection, OIT scores, and
// the demo's four sign-ins. Synthetic data: the names outside Sakon Nakhon are made up.
//
//   npm run seed:national                       → data/national.db (SQLite), migrated first
//   DATABASE_URL=postgresql://… npm run seed:national
//   npm run seed:national -- --agencies 500     a smaller nation (tests, quick tries; ≥ 400)
//
// Serve it with `DATABASE_URL=file:./data/national.db npm start`. Responses, tallies, snapshots,
// daily counts and OIT scores go in through the database driver in big batches (Prisma's
// createMany costs ~0.5 ms a row, which would be 25 minutes here); the tallies are summed from the
// very rows written, so they equal a recount (test/integration/seed-national.test.ts checks that).
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

process.env.DATABASE_URL ??= "file:./data/national.db";
const { values: args } = parseArgs({ options: { agencies: { type: "string", default: "8300" }, quiet: { type: "boolean", default: false } } });
const AGENCY_COUNT = Number(args.agencies);
// The plan always holds Sakon Nakhon's 142, two offices per other province (152) and the central
// kinds, so 400 is the smallest nation that still has local agencies of its own in every province.
if (!Number.isInteger(AGENCY_COUNT) || AGENCY_COUNT < 400 || AGENCY_COUNT > 20_000) {
  console.error("✗ --agencies must be a whole number from 400 to 20000");
  process.exit(2);
}
if (process.env.NODE_ENV === "production") {
  console.error("✗ seed:national writes synthetic data and demo accounts; it refuses NODE_ENV=production.");
  process.exit(1);
}
const migrate = spawnSync(process.execPath, ["scripts/db.js", "deploy"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const { itemCentipoints } = await import("~/domain/answers");
const { instrumentItems } = await import("~/domain/ruleset");
const { ita2568 } = await import("~/domain/rulesets/ita-2568");
const { eitPart1Minimum, eitPart2Minimum, minimumSample } = await import("~/domain/sampling");
const { dbTarget, prisma } = await import("~/db.server");
const { createCycle, getCycleByFiscalYear } = await import("~/models/cycle.server");
const { bangkokDay } = await import("~/models/response.server");
const { snapshotDue, snapshotResponses } = await import("~/domain/disclosure");
const { randomId } = await import("~/utils/crypto.server");
const { createDemoLogins } = await import("./demo-logins");
const { openBulkWriter } = await import("./bulk-writer");
const { hashSeed, randomAnswers, seededRandom } = await import("./factories");
const { sakonNakhonProvince } = await import("./data/sakon-nakhon");
const { thaiProvinces } = await import("./data/provinces");
const { planNationalAgencies } = await import("./data/national-agencies");
type AgencyKind = import("~/generated/sqlite/enums").AgencyKind;
type Instrument = "iit" | "eit1" | "eit2";

const DAY_MS = 24 * 60 * 60 * 1000;
const COLLECTION_DAYS = 40; // the windows opened 40 days ago …
const DAYS_LEFT = 20; // … and close in 20 days, so forecasts have something to say
const random = seededRandom(hashSeed(`national-${AGENCY_COUNT}`));
const between = (low: number, high: number) => Math.floor(low + random() * (high - low + 1));

if (await getCycleByFiscalYear(ita2568.meta.fiscalYear)) {
  console.error(`✗ ${dbTarget.provider === "sqlite" ? dbTarget.file : "the database"} already has the 2568 cycle; delete it first`);
  process.exit(1);
}

// ───────────────────────── agencies: who exists ─────────────────────────

// Sizes by kind: [internal population range, external population range].
const SIZES: Partial<Record<AgencyKind, [[number, number], [number, number]]>> = {
  local_sao: [
    [15, 90],
    [200, 3500],
  ],
  local_subdistrict: [
    [25, 150],
    [400, 6000],
  ],
  local_town: [
    [100, 500],
    [3000, 40000],
  ],
  local_city: [
    [400, 2000],
    [20000, 200000],
  ],
  local_pao: [
    [150, 900],
    [5000, 100000],
  ],
  provincial_admin: [
    [80, 400],
    [2000, 50000],
  ],
  district_office: [
    [20, 80],
    [1000, 20000],
  ],
  ministry: [
    [300, 3000],
    [10000, 1000000],
  ],
  department: [
    [200, 8000],
    [5000, 500000],
  ],
  state_enterprise: [
    [500, 20000],
    [10000, 2000000],
  ],
  public_organization: [
    [50, 800],
    [1000, 100000],
  ],
  university: [
    [500, 6000],
    [5000, 60000],
  ],
  independent_organ: [
    [200, 2000],
    [1000, 50000],
  ],
  other: [
    [80, 500],
    [5000, 100000],
  ],
};

// ───────────────────────── writing ─────────────────────────

const t0 = Date.now();
const now = Date.now();
const cycle = await createCycle(ita2568, {
  iitOpensAt: new Date(now - COLLECTION_DAYS * DAY_MS),
  iitClosesAt: new Date(now + DAYS_LEFT * DAY_MS),
  eitOpensAt: new Date(now - COLLECTION_DAYS * DAY_MS),
  eitClosesAt: new Date(now + DAYS_LEFT * DAY_MS),
  oitOpensAt: new Date(now - COLLECTION_DAYS * DAY_MS),
  oitClosesAt: new Date(now + (DAYS_LEFT + 30) * DAY_MS),
});
const provinceIds = new Map<string, string>();
for (const province of thaiProvinces) {
  const id = randomId();
  provinceIds.set(province.code, id);
  await prisma.province.create({ data: { id, ...province } });
}
const planned = planNationalAgencies(AGENCY_COUNT, random);
const agencies = planned.map(({ provinceCode, ...agency }) => ({
  id: randomId(),
  ...agency,
  code: agency.slug,
  provinceId: provinceCode ? provinceIds.get(provinceCode)! : null,
}));
// Departments belong to ministries (round robin), as in the demo seed's tree.
const ministries = agencies.filter((agency) => agency.kind === "ministry");
const withParents = agencies.map((agency, index) =>
  agency.kind === "department" ? { ...agency, parentId: ministries[index % ministries.length].id } : { ...agency, parentId: null },
);
for (let i = 0; i < withParents.length; i += 2000) await prisma.agency.createMany({ data: withParents.slice(i, i + 2000) });

const bulk = await openBulkWriter(dbTarget);
const dayOf = (daysAgo: number) => bangkokDay(new Date(now - daysAgo * DAY_MS));
const oitItems = instrumentItems(ita2568, "oit").map((item) => item.code);
const isoNow = new Date(now);
const totals = { responses: 0, agencyCycles: 0, oitScores: 0 };
const progressBar = (done: number) => {
  if (args.quiet) return;
  const width = 30;
  const filled = Math.round((done / agencies.length) * width);
  const line = `[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${agencies.length} agencies · ${totals.responses.toLocaleString("en")} responses · ${((Date.now() - t0) / 1000).toFixed(0)} s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
  else if (done % Math.ceil(agencies.length / 10) === 0 || done === agencies.length) process.stderr.write(`${line}\n`);
};

for (const [index, agency] of agencies.entries()) {
  const [[internalLow, internalHigh], [externalLow, externalHigh]] = SIZES[agency.kind] ?? SIZES.other!;
  const roll = random();
  // 3 % never registered; 2 % registered without an external population (EIT-1 not processed).
  if (roll < 0.03) {
    progressBar(index + 1);
    continue;
  }
  const internalPopulation = between(internalLow, internalHigh);
  const externalPopulation = roll < 0.05 ? null : between(externalLow, externalHigh);
  const agencyCycleId = randomId();
  bulk.add("AgencyCycle", {
    id: agencyCycleId,
    agencyId: agency.id,
    cycleId: cycle.id,
    registered: true,
    internalPopulation,
    externalPopulation,
    iitOpen: true,
    eitOpen: true,
    eitAllowEmail: false,
    iitRefusedOverCap: 0,
  });
  totals.agencyCycles++;

  // Where the agency stands: most reached their minimums, a fifth are behind, a few barely began,
  // and some stalled weeks ago (the forecast should flag those).
  const standing = random();
  const pace = standing < 0.06 ? 0.05 + random() * 0.25 : standing < 0.28 ? 0.3 + random() * 0.7 : 1 + random() * 0.5;
  const stalled = random() < 0.12;
  const favourable = 0.55 + random() * 0.42;
  const eit1Min = eitPart1Minimum(externalPopulation, null, ita2568.sampling);
  const minimums: Record<Instrument, number> = {
    iit: minimumSample(internalPopulation, ita2568.sampling),
    eit1: eit1Min ?? 100,
    eit2: eitPart2Minimum(eit1Min ?? 100, ita2568.sampling),
  };
  for (const instrument of ["iit", "eit1", "eit2"] as Instrument[]) {
    const wanted = Math.round(minimums[instrument] * pace * (0.85 + random() * 0.3));
    const count = instrument === "iit" ? Math.min(wanted, internalPopulation) : wanted;
    const kind = instrument === "iit" ? "iit" : "eit";
    const sums = new Array<number>(31).fill(0);
    let snapshot: number[] | null = null;
    const perDay = new Map<string, number>();
    for (let n = 1; n <= count; n++) {
      const answers = randomAnswers(ita2568, kind, random, favourable);
      const points = itemCentipoints(ita2568, kind, answers);
      const row: Record<string, unknown> = {
        id: randomId(),
        cycleId: cycle.id,
        agencyId: agency.id,
        instrument,
        answers: JSON.stringify(answers),
      };
      for (const [slot, value] of Object.entries(points)) {
        row[`p${slot}`] = value;
        sums[Number(slot)] += value;
      }
      bulk.add("Response", row);
      if (snapshotDue(n - 1, n)) snapshot = [...sums];
      // Collection speeds up towards the deadline; a stalled agency stopped 12+ days ago.
      const daysAgo = stalled ? 12 + Math.floor(random() * (COLLECTION_DAYS - 12)) : Math.floor(COLLECTION_DAYS * (1 - Math.sqrt(random())));
      const day = dayOf(daysAgo);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const sumColumns = (values: number[]) => Object.fromEntries(values.slice(1).map((value, i) => [`sum${i + 1}`, value]));
    bulk.add("ResponseTally", { agencyId: agency.id, cycleId: cycle.id, instrument, responses: count, ...sumColumns(sums) });
    if (snapshot) {
      bulk.add("TallySnapshot", { agencyId: agency.id, cycleId: cycle.id, instrument, responses: snapshotResponses(count), ...sumColumns(snapshot) });
    }
    for (const [day, responses] of perDay) bulk.add("DailyCount", { agencyId: agency.id, cycleId: cycle.id, instrument, day, responses });
    totals.responses += count;
  }

  // OIT: two thirds scored in full (most items pass/fail), some with URLs only, the rest nothing yet.
  const oit = random();
  if (oit < 0.8) {
    const scored = oit < 0.65;
    const passRate = 0.6 + random() * 0.4;
    for (const itemCode of oitItems) {
      bulk.add("OitScore", {
        id: randomId(),
        agencyCycleId,
        itemCode,
        url: `https://${agency.slug}.go.th/ita/${itemCode}`,
        score: scored ? (random() < passRate ? 100 : 0) : null,
        comment: null,
        scoredById: null,
        updatedAt: isoNow,
      });
      totals.oitScores++;
    }
  }
  await bulk.flushIfFull();
  progressBar(index + 1);
}
await bulk.close();
if (process.stderr.isTTY && !args.quiet) process.stderr.write("\n");

const sakonProvince = { id: provinceIds.get(sakonNakhonProvince.code)!, nameTh: sakonNakhonProvince.nameTh };
const demoAgency =
  agencies.find((agency) => agency.slug === "rae-subdistrict-municipality") ?? agencies.find((agency) => agency.provinceId === sakonProvince.id)!;
const text = await createDemoLogins({ agency: demoAgency, province: sakonProvince, iitCode: null });
await prisma.$disconnect();
console.log(
  `✓ seeded the nation for fiscal year ${cycle.fiscalYear}: ${agencies.length} agencies in ${thaiProvinces.length} provinces ` +
    `(${totals.agencyCycles} registered), ${totals.responses.toLocaleString("en")} responses, ${totals.oitScores.toLocaleString("en")} OIT rows ` +
    `in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
if (!args.quiet) console.log(text);
