// The shortfall reminders' queries (issue 20 §2): who may be reminded, which reminders went out,
// and the user's own opt-out. One reminder per person per period is the ReminderSend primary key
// (userId, period): the row is written in the transaction that queues the mail, so of two runs at
// once exactly one commits and the other hits the key ("already sent").
import type { ReminderRecipient } from "~/domain/reminders";
import type { RoleName } from "~/domain/roles";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { isUniqueViolation } from "./submission.server";

const REMINDED_ROLES: RoleName[] = ["agency_admin", "province_coordinator", "national_assessor"];

/** Every user holding a role that is reminded, with the account facts the domain decides on. */
export async function listReminderRecipients(db: Db = prisma): Promise<ReminderRecipient[]> {
  const users = await db.user.findMany({
    where: { grants: { some: { role: { in: REMINDED_ROLES } } } },
    select: {
      id: true,
      email: true,
      name: true,
      remindersOff: true,
      disabledAt: true,
      passwordHash: true,
      grants: { select: { role: true, agencyId: true, provinceId: true } },
    },
    orderBy: { email: "asc" },
  });
  return users.map((user) => ({
    userId: user.id,
    email: user.email,
    name: user.name,
    remindersOff: user.remindersOff,
    disabled: user.disabledAt !== null,
    hasPassword: user.passwordHash !== null,
    grants: user.grants.map((grant) => ({ role: grant.role as RoleName, agencyId: grant.agencyId, provinceId: grant.provinceId })),
  }));
}

/** Which of these (user, period) pairs already have a reminder (a dry run's "already sent"). */
export async function listSentReminders(pairs: ReadonlyArray<{ userId: string; period: string }>, db: Db = prisma): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const periods = [...new Set(pairs.map((pair) => pair.period))];
  const rows = await db.reminderSend.findMany({
    where: { period: { in: periods }, userId: { in: pairs.map((pair) => pair.userId) } },
    select: { userId: true, period: true },
  });
  return new Set(rows.map((row) => `${row.userId}|${row.period}`));
}

export class ReminderAlreadySent extends Error {
  override name = "ReminderAlreadySent";
}

/**
 * Record a reminder in the caller's transaction (with its outbox message). Throws
 * ReminderAlreadySent when the person already has one for the period (the primary key).
 */
export async function recordReminderSend(tx: Db | DbTransaction, input: { userId: string; period: string; messageId: string; summary: unknown }) {
  try {
    await tx.reminderSend.create({ data: { userId: input.userId, period: input.period, messageId: input.messageId, summary: JSON.stringify(input.summary) } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ReminderAlreadySent();
    throw error;
  }
}

/** True when the error means "this person already has this period's reminder". */
export function isReminderAlreadySent(error: unknown): boolean {
  return error instanceof ReminderAlreadySent || isUniqueViolation(error);
}

export async function countReminderSends(db: Db = prisma): Promise<number> {
  return db.reminderSend.count();
}

export async function getRemindersOff(userId: string, db: Db = prisma): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { remindersOff: true } });
  return user?.remindersOff ?? false;
}

export async function setRemindersOff(userId: string, off: boolean, db: Db | DbTransaction = prisma) {
  await db.user.update({ where: { id: userId }, data: { remindersOff: off } });
}
