import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";

/** Audit rows are deleted after this many days (purged hourly with the rest, maintenance.server.ts). */
export const AUDIT_RETENTION_DAYS = 400;

/**
 * Audit log (shared/security.md → Audit): who did what with what outcome, in UTC. Never which
 * respondent, never answers, and no contact-derived value at all (not even a hash prefix):
 * respondent-side events (OTP sends, verifies, wrong guesses) are hourly counters, not rows.
 */
export function recordAudit(
  entry: {
    action: string;
    outcome: "ok" | "refused" | "failed" | string;
    actorId?: string | null;
    agencyId?: string | null;
    /** What was acted on, as "<kind>:<key>": "user:<id>", "cycle:2570", "invitation:<id>", "register:<file>" … */
    target?: string | null;
    detail?: Record<string, unknown>;
  },
  db: Db = prisma,
) {
  return db.auditLog.create({
    data: {
      id: randomId(),
      action: entry.action,
      outcome: entry.outcome,
      actorId: entry.actorId ?? null,
      agencyId: entry.agencyId ?? null,
      target: entry.target ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    },
  });
}

/** Delete audit rows older than AUDIT_RETENTION_DAYS. */
export function purgeAuditLog(now = new Date(), db: Db = prisma) {
  return db.auditLog.deleteMany({ where: { at: { lt: new Date(now.getTime() - AUDIT_RETENTION_DAYS * 24 * 60 * 60 * 1000) } } });
}

// ───── reading the log: /admin/audit and its CSV (system admin only) ─────

export type AuditFilter = {
  /** Rows by these actors only; an empty list matches nothing (a name that matched no one). */
  actorIds?: string[];
  /** The action, or the start of it: "admin." is every admin sign-in event. */
  action?: string;
  /** From this instant (inclusive) … */
  from?: Date;
  /** … to this one (exclusive). */
  to?: Date;
};

/** A row's place in the (at, id) order, newest first: where a page starts or ends. */
export type AuditCursor = { at: Date; id: string };

function auditFilterWhere(filter: AuditFilter) {
  return {
    ...(filter.actorIds ? { actorId: { in: filter.actorIds } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

/**
 * One page of the log, newest first, by keyset on (at, id) — the `at` index, no OFFSET however
 * deep the page: `older` than a cursor (the next page) or `newer` than one (the previous page).
 * `more`: whether rows lie beyond the page in the direction read.
 */
export async function listAuditEntries(filter: AuditFilter, page: { take: number; older?: AuditCursor; newer?: AuditCursor }, db: Db = prisma) {
  const { older, newer, take } = page;
  const cursor = older
    ? { OR: [{ at: { lt: older.at } }, { at: older.at, id: { lt: older.id } }] }
    : newer
      ? { OR: [{ at: { gt: newer.at } }, { at: newer.at, id: { gt: newer.id } }] }
      : {};
  const direction = newer ? "asc" : "desc";
  const rows = await db.auditLog.findMany({
    where: { AND: [auditFilterWhere(filter), cursor] },
    orderBy: [{ at: direction }, { id: direction }],
    take: take + 1,
    select: { id: true, at: true, actorId: true, action: true, outcome: true, agencyId: true, target: true, detail: true },
  });
  const more = rows.length > take;
  const shown = rows.slice(0, take);
  return { rows: newer ? shown.reverse() : shown, more };
}

/** Users whose e-mail or name contains `term` (at most `limit`): the actor filter. */
export async function findAuditActorIds(term: string, limit = 500, db: Db = prisma): Promise<string[]> {
  const users = await db.user.findMany({
    where: { OR: [{ email: { contains: term.toLowerCase() } }, { name: { contains: term } }] },
    select: { id: true },
    take: limit,
  });
  return users.map((user) => user.id);
}

/** The names behind the ids on a page of the log: actors (name, e-mail) and agencies (code, name). */
export async function describeAuditRefs(refs: { actorIds: string[]; agencyIds: string[] }, db: Db = prisma) {
  const [users, agencies] = await Promise.all([
    refs.actorIds.length ? db.user.findMany({ where: { id: { in: refs.actorIds } }, select: { id: true, name: true, email: true } }) : [],
    refs.agencyIds.length ? db.agency.findMany({ where: { id: { in: refs.agencyIds } }, select: { id: true, code: true, nameTh: true, nameEn: true } }) : [],
  ]);
  return { users: new Map(users.map((user) => [user.id, user])), agencies: new Map(agencies.map((agency) => [agency.id, agency])) };
}

/** The actions written since `since` (a range of the `at` index, not the whole log): the action filter's suggestions. */
export async function listRecentAuditActions(since: Date, db: Db = prisma): Promise<string[]> {
  const groups = await db.auditLog.groupBy({ by: ["action"], where: { at: { gte: since } }, orderBy: { action: "asc" }, take: 200 });
  return groups.map((group) => group.action);
}
