// `npm run reshuffle` — rewrite the anonymous response tables now so that neither their
// physical order nor (PostgreSQL) their transaction ids follow insertion (docs/decisions/002). The
// server does this every night at 03:00 Bangkok; run it by hand (or from cron) after a busy day,
// before taking a backup or a dump, and when a cycle closes. Submits wait while it runs.
// Prints one JSON line: what was rewritten and how long it took.
import { prisma } from "~/db.server";
import { closeDirectConnections } from "~/db-direct.server";
import { reshuffleAnonymousRows } from "~/models/anonymity.server";

try {
  console.log(JSON.stringify({ reshuffled: await reshuffleAnonymousRows({ lockTimeoutMs: 60_000 }) }));
} finally {
  await closeDirectConnections();
  await prisma.$disconnect();
}
