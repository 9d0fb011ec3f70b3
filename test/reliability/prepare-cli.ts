// `tsx test/reliability/prepare-cli.ts <count> <out.json>`: a registered agency and <count>
// prepared submissions in the database of DATABASE_URL, written to <out.json>. For the fault tests,
// whose database (a throwaway PostgreSQL server, a file on a tiny tmpfs) is not the test
// process's own.
import fs from "node:fs";
import { prisma } from "~/db.server";
import { registeredAgency } from "../fixtures/db";
import { prepareSubmissions } from "./app-server";

const [count, out] = process.argv.slice(2);
const agency = await registeredAgency({ internalPopulation: 100_000, externalPopulation: 100_000 });
const submissions = await prepareSubmissions(agency, Number(count));
fs.writeFileSync(out, JSON.stringify({ agencyId: agency.agency.id, cycleId: agency.cycle.id, submissions }));
await prisma.$disconnect();
