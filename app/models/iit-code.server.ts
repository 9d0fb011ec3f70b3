// IIT access codes (shared/security.md → Staff access code): one live code per agency and cycle,
// stored as a keyed hash, rotatable and revocable; guessing limited per client network (IPv4 /32,
// IPv6 /64) with growing waits, and a global failure budget that raises an audit alert and
// tightens every client's limit while it is exceeded.
import { prisma, type Db } from "~/db.server";
import { generateAccessCode, hashAccessCode, normaliseAccessCode } from "~/utils/access-code.server";
import { clientKey } from "~/utils/client-address";
import { keyedHash } from "~/utils/crypto.server";
import { recordAudit } from "./audit.server";
import { countEvent, giveBackSlot, readCounter, takeSlot, type Window } from "./rate-limit.server";

/**
 * ≤ 10 failures per client per 10 min, then ≤ 20 per hour: whoever keeps failing waits the rest
 * of the 10 minutes, then the rest of the hour — never longer. (Attack L4: a third tier of 50 a
 * day let one bad actor behind a carrier NAT lock the whole address out until 07:00 Bangkok,
 * when the UTC day turns; 20 guesses an hour at a 50-bit code buy nothing.)
 */
export const CODE_FAILURE_WINDOWS: Window[] = [
  { seconds: 10 * 60, limit: 10 },
  { seconds: 60 * 60, limit: 20 },
];
/** Failures per hour across all clients before an alert goes to the audit log. */
export const GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR = 500;
/**
 * While the global budget is exceeded (guessing from many addresses), every client gets these
 * tighter limits: a distributed guesser gets a third of the tries per address, while staff who type
 * a right code still get in (a right code gives its slot back) after a typo or two.
 */
export const STRICT_CODE_FAILURE_WINDOWS: Window[] = [
  { seconds: 10 * 60, limit: 3 },
  { seconds: 60 * 60, limit: 6 },
];
const GLOBAL_FAILURE_KEY = "iit-code-fail:global";

/** Issue (or rotate) the agency's code for a cycle. The plain code is returned once, never stored. */
export async function issueIitCode(agencyId: string, cycleId: string, actorId: string | null = null, db: Db = prisma) {
  const code = generateAccessCode();
  const before = await db.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId, cycleId } } });
  await db.agencyCycle.update({
    where: { agencyId_cycleId: { agencyId, cycleId } },
    data: { iitCodeHash: hashAccessCode(normaliseAccessCode(code)!), iitCodeIssuedAt: new Date(), iitCodeRevokedAt: null },
  });
  await recordAudit({ action: before.iitCodeHash ? "iit.code.rotate" : "iit.code.create", outcome: "ok", actorId, agencyId }, db);
  return code;
}

export async function revokeIitCode(agencyId: string, cycleId: string, actorId: string | null = null, db: Db = prisma) {
  await db.agencyCycle.update({
    where: { agencyId_cycleId: { agencyId, cycleId } },
    data: { iitCodeHash: null, iitCodeRevokedAt: new Date() },
  });
  await recordAudit({ action: "iit.code.revoke", outcome: "ok", actorId, agencyId }, db);
}

export type CodeCheck =
  | { status: "ok"; agencyCycle: NonNullable<Awaited<ReturnType<typeof findByCode>>> }
  | { status: "invalid" } // wrong, expired and revoked codes all look the same
  | { status: "limited"; retryAfterSeconds: number };

function findByCode(codeHash: string, db: Db) {
  return db.agencyCycle.findUnique({ where: { iitCodeHash: codeHash }, include: { agency: true, cycle: true } });
}

/** Rate-limit key of a client's network (/32, /64): a keyed hash, so no IP address is stored. */
export function codeLimiterKey(clientAddress: string) {
  return `iit-code-fail:${keyedHash("rate-limit-client", clientKey(clientAddress))}`;
}

/** Is the global failure budget of this hour spent (many addresses guessing)? */
async function globalBudgetSpent(now: Date, db: Db) {
  return (await readCounter(`${GLOBAL_FAILURE_KEY}:3600`, 3600, now, db)) >= GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR;
}

export async function checkIitCode(input: string, clientAddress: string, now = new Date(), db: Db = prisma): Promise<CodeCheck> {
  // Every attempt first takes a failure slot (atomically, so parallel guesses cannot overrun the
  // limit); a correct code gives it back.
  const client = codeLimiterKey(clientAddress);
  // The same counters either way (keys do not depend on the limits), only the limits tighten.
  const windows = (await globalBudgetSpent(now, db)) ? STRICT_CODE_FAILURE_WINDOWS : CODE_FAILURE_WINDOWS;
  const slot = await takeSlot(client, windows, now, db);
  if (!slot.ok) return { status: "limited", retryAfterSeconds: slot.retryAfterSeconds };

  const normalised = normaliseAccessCode(input);
  const found = normalised ? await findByCode(hashAccessCode(normalised), db) : null;
  if (found && found.registered) {
    await giveBackSlot(client, windows, now, db);
    return { status: "ok", agencyCycle: found };
  }

  const [globalFailures] = await countEvent(GLOBAL_FAILURE_KEY, [{ seconds: 3600, limit: GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR }], now, db);
  if (globalFailures === GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR) {
    // Once per hour window: someone may be guessing codes from many addresses.
    await recordAudit({ action: "iit.code.global-failure-budget", outcome: "alert", detail: { failuresThisHour: globalFailures } }, db);
  }
  return { status: "invalid" };
}
