// `npm run purge` — delete expired OTP challenges, sessions, rate-limit windows and idempotency
// keys now (the server also does this every hour). Safe to run from cron at any time.
import { prisma } from "~/db.server";
import { purgeExpired } from "~/models/maintenance.server";

const removed = await purgeExpired();
console.log(JSON.stringify({ purged: removed }));
await prisma.$disconnect();
