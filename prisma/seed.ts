// `npm run seed` — the 2568 cycle, Sakon Nakhon's 142 agencies, a demo agency with populations,
// its IIT code, one registered service counter, some anonymous demo responses and one demo admin
// per role. Local demo only.
//   --if-empty   do nothing (but print the demo logins) when a cycle already exists
import { minimumSample, eitPart2Minimum } from "~/domain/sampling";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { env } from "~/env.server";
import { prisma } from "~/db.server";
import { createAgency, createProvince, registerAgencyForCycle } from "~/models/agency.server";
import { createCycle, getCycleByFiscalYear } from "~/models/cycle.server";
import { recordResponses } from "~/models/response.server";
import { createServiceCounter } from "~/models/service-counter.server";
import { generateAccessCode, hashAccessCode, normaliseAccessCode } from "~/utils/access-code.server";
import { createDemoLogins, printCredentials } from "./demo-logins";
import { DEMO_COUNTER_LABEL, hashSeed, randomAnswers, seededRandom } from "./factories";
import { seedPublishedPastYear } from "./seed-past-year";
import { sakonNakhonAgencies, sakonNakhonProvince } from "./data/sakon-nakhon";

const DEMO_AGENCY_SLUG = "rae-subdistrict-municipality";
const DAY_MS = 24 * 60 * 60 * 1000;

if (env.NODE_ENV === "production") {
  console.error("✗ The seed creates demo accounts with printed passwords and refuses NODE_ENV=production.");
  process.exit(1);
}

async function seed() {
  const existing = await getCycleByFiscalYear(ita2568.meta.fiscalYear);
  if (existing) {
    if (process.argv.includes("--if-empty")) {
      console.log("✓ database already seeded");
      printCredentials();
      return;
    }
    console.error("✗ the 2568 cycle already exists; delete the database file (or use --if-empty)");
    process.exit(1);
  }
  const t0 = Date.now();
  // Demo windows around today so every screen can be tried; a real cycle gets the NACC's dates.
  const now = Date.now();
  const cycle = await createCycle(ita2568, {
    iitOpensAt: new Date(now - 30 * DAY_MS),
    iitClosesAt: new Date(now + 60 * DAY_MS),
    eitOpensAt: new Date(now - 30 * DAY_MS),
    eitClosesAt: new Date(now + 60 * DAY_MS),
    oitOpensAt: new Date(now - 30 * DAY_MS),
    oitClosesAt: new Date(now + 90 * DAY_MS),
  });

  const province = await createProvince(sakonNakhonProvince);
  const agencies = [];
  // Central government sits directly under the nation; a department links to its ministry.
  const ministry = await createAgency({ slug: "ministry-of-interior", nameTh: "กระทรวงมหาดไทย", nameEn: "Ministry of Interior", kind: "ministry" });
  agencies.push(ministry);
  agencies.push(
    await createAgency({
      slug: "department-of-local-administration",
      nameTh: "กรมส่งเสริมการปกครองท้องถิ่น",
      nameEn: "Department of Local Administration",
      kind: "department",
      parentId: ministry.id,
    }),
  );
  for (const row of sakonNakhonAgencies) {
    agencies.push(await createAgency({ slug: row.slug, nameTh: row.nameTh, nameEn: row.nameEn, kind: row.kind, provinceId: province.id }));
  }

  // Plausible populations: small municipalities have 20–150 staff and a few hundred to a few
  // thousand service users a year. The demo agency gets round numbers that are easy to check.
  let responses = 0;
  let demoCode = "";
  for (const agency of agencies) {
    const random = seededRandom(hashSeed(agency.slug));
    const isDemo = agency.slug === DEMO_AGENCY_SLUG;
    const internalPopulation = isDemo ? 45 : 20 + Math.floor(random() * 130);
    const externalPopulation = isDemo ? 400 : 150 + Math.floor(random() * 1200);
    await registerAgencyForCycle({ agencyId: agency.id, cycleId: cycle.id, internalPopulation, externalPopulation });

    // Some agencies are ahead, some behind: a fraction of each minimum, answered at random.
    const progress = isDemo ? 0.4 : random() * 0.8;
    const iitMin = minimumSample(internalPopulation);
    const eit1Min = minimumSample(externalPopulation);
    const counts = {
      iit: Math.floor(iitMin * progress),
      eit1: Math.floor(eit1Min * progress * 0.9),
      eit2: Math.floor(eitPart2Minimum(eit1Min) * progress * 0.5),
    };
    await prisma.$transaction(async (tx) => {
      for (const [instrument, count] of Object.entries(counts) as ["iit" | "eit1" | "eit2", number][]) {
        const batch = Array.from({ length: count }, () => ({
          screening: {},
          answers: randomAnswers(ita2568, instrument === "iit" ? "iit" : "eit", random, 0.85),
        }));
        await recordResponses(tx, { cycleId: cycle.id, agencyId: agency.id, instrument, ruleset: ita2568 }, batch);
        responses += count;
      }
    });

    if (isDemo) {
      demoCode = generateAccessCode();
      await prisma.agencyCycle.update({
        where: { agencyId_cycleId: { agencyId: agency.id, cycleId: cycle.id } },
        data: { iitCodeHash: hashAccessCode(normaliseAccessCode(demoCode)!), iitCodeIssuedAt: new Date() },
      });
    }
  }

  // A published past year, so the public results (/results) have something to show (issue 20).
  const past = await seedPublishedPastYear(ita2568, agencies, [DEMO_AGENCY_SLUG, "ministry-of-interior"]);

  const demoAgency = agencies.find((agency) => agency.slug === DEMO_AGENCY_SLUG)!;
  // One registered service counter, so the demo's counter poster and QR link work out of the box.
  const demoCounter = await createServiceCounter(demoAgency.id, DEMO_COUNTER_LABEL);
  const text = await createDemoLogins({
    agency: demoAgency,
    province,
    iitCode: demoCode,
    counter: demoCounter,
  });
  console.log(
    `✓ seeded fiscal year ${cycle.fiscalYear}: ${agencies.length} agencies (Sakon Nakhon's ${sakonNakhonAgencies.length} and 2 central), ${responses} demo responses in ${Date.now() - t0} ms`,
  );
  console.log(`✓ seeded fiscal year ${past.fiscalYear} (closed): ${past.published} agencies published, ${past.responses} responses — see /results`);
  console.log(text);
}

await seed();
await prisma.$disconnect();
