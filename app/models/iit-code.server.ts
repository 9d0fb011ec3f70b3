// IIT access codes (shared/security.md → Staff access code): one live code per agency and cycle,
// stored as a keyed hash, rotatable and revocable; guessing limited per client with growing
// waits, and a global failure budget that raises an audit alert.
import { prisma, type Db } from "~/db.server";
import { generateAccessCode, hashAccessCode, normaliseAccessCode } from "~/utils/access-code.server";
import { keyedHash } from "~/utils/crypto.server";
import { recordAudit } from "./audit.server";
import { countEvent, giveBackSlot, takeSlot, type Window } from "./rate-limit.server";

/** ≤ 10 failures per client per 10 min; whoever keeps failing waits an hour, then a day. */
export const CODE_FAILURE_WINDOWS: Window[] = [
  { seconds: 10 * 60, limit: 10 },
  { seconds: 60 * 60, limit: 20 },
  { seconds: 24 * 60 * 60, limit: 50 },
];
/** Failures per hour across all clients before an alert goes to the audit log. */
export const GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR = 500;

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

/** Rate-limit key of a client: a keyed hash, so no IP address is stored. */
export function clientKey(clientAddress: string) {
  return `iit-code-fail:${keyedHash("rate-limit-client", clientAddress)}`;
}

export async function checkIitCode(input: string, clientAddress: string, now = new Date(), db: Db = prisma): Promise<CodeCheck> {
  // Every attempt first takes a failure slot (atomically, so parallel guesses cannot overrun the
  // limit); a correct code gives it back.
  const client = clientKey(clientAddress);
  const slot = await takeSlot(client, CODE_FAILURE_WINDOWS, now, db);
  if (!slot.ok) return { status: "limited", retryAfterSeconds: slot.retryAfterSeconds };

  const normalised = normaliseAccessCode(input);
  const found = normalised ? await findByCode(hashAccessCode(normalised), db) : null;
  if (found && found.registered) {
    await giveBackSlot(client, CODE_FAILURE_WINDOWS, now, db);
    return { status: "ok", agencyCycle: found };
  }

  const [globalFailures] = await countEvent("iit-code-fail:global", [{ seconds: 3600, limit: GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR }], now, db);
  if (globalFailures === GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR) {
    // Once per hour window: someone may be guessing codes from many addresses.
    await recordAudit({ action: "iit.code.global-failure-budget", outcome: "alert", detail: { failuresThisHour: globalFailures } }, db);
  }
  return { status: "invalid" };
}
