// The audit log for the system administrator (/admin/audit and its CSV): who did what to what,
// when, with what outcome. It reads the AuditLog columns only, plus the actor's name and e-mail and
// the agency's code and name: never a respondent table (the log holds no respondent data at all,
// models/audit.server.ts). Pages go by keyset on the `at` index; the CSV streams in batches.
import { z } from "zod";
import { describeAuditRefs, findAuditActorIds, listAuditEntries, listRecentAuditActions, type AuditCursor, type AuditFilter } from "~/models/audit.server";
import { bothLangs } from "~/utils/i18n.server";
import { csvLine } from "./spreadsheet.server";

export const AUDIT_PAGE_SIZE = 50;
/** A CSV stops here (a last line says so): narrow the dates for more. ~15 MB. */
export const AUDIT_CSV_MAX_ROWS = 100_000;
const CSV_BATCH = 1_000;
const ACTION_SUGGESTION_DAYS = 90;
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([a-f0-9]{32})$/;

// A filter link is typed or edited by hand: a bad value falls back to "no filter", never an error.
export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(100).catch(""),
  action: z.string().trim().max(100).catch(""),
  from: z.string().regex(DAY).or(z.literal("")).catch(""),
  to: z.string().regex(DAY).or(z.literal("")).catch(""),
  older: z.string().regex(CURSOR).optional().catch(undefined),
  newer: z.string().regex(CURSOR).optional().catch(undefined),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export function parseAuditQuery(url: URL): AuditQuery {
  return AuditQuerySchema.parse(Object.fromEntries(url.searchParams));
}

/** Midnight Bangkok of a "YYYY-MM-DD" day, as an instant. */
export function bangkokDayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000+07:00`);
}

/** "2026-12-07T14:05:09.123+07:00": the instant in Bangkok time, unambiguous for people and programs. */
export function bangkokIso(at: Date): string {
  return new Date(at.getTime() + BANGKOK_OFFSET_MS).toISOString().replace("Z", "+07:00");
}

const cursorOf = (row: { at: Date; id: string }) => `${row.at.toISOString()}~${row.id}`;
function parseCursor(value: string | undefined): AuditCursor | undefined {
  const match = value ? CURSOR.exec(value) : null;
  return match ? { at: new Date(match[1]), id: match[2] } : undefined;
}

/** The query's filter for the model, or `badRange` when the dates run backwards (nothing is read). */
export async function auditFilterFor(query: AuditQuery): Promise<{ filter: AuditFilter; badRange: boolean }> {
  const from = query.from ? bangkokDayStart(query.from) : undefined;
  // The "to" day is included: up to midnight after it.
  const to = query.to ? new Date(bangkokDayStart(query.to).getTime() + 24 * 60 * 60 * 1000) : undefined;
  const badRange = Boolean(from && to && from >= to);
  const actorIds = query.actor ? await findAuditActorIds(query.actor) : undefined;
  return { filter: { actorIds, action: query.action || undefined, from, to }, badRange };
}

async function withNames<T extends { actorId: string | null; agencyId: string | null }>(rows: T[]) {
  const refs = await describeAuditRefs({
    actorIds: [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))],
    agencyIds: [...new Set(rows.flatMap((row) => (row.agencyId ? [row.agencyId] : [])))],
  });
  return rows.map((row) => ({
    ...row,
    actor: row.actorId ? (refs.users.get(row.actorId) ?? null) : null,
    agency: row.agencyId ? (refs.agencies.get(row.agencyId) ?? null) : null,
  }));
}

/** One page of the log for /admin/audit, newest first, with links' cursors and the action suggestions. */
export async function auditLogPage(query: AuditQuery, now = new Date()) {
  const { filter, badRange } = await auditFilterFor(query);
  const actions = await listRecentAuditActions(new Date(now.getTime() - ACTION_SUGGESTION_DAYS * 24 * 60 * 60 * 1000));
  if (badRange) return { badRange, rows: [], older: null, newer: null, actions };
  const older = parseCursor(query.older);
  const newer = older ? undefined : parseCursor(query.newer);
  const { rows, more } = await listAuditEntries(filter, { take: AUDIT_PAGE_SIZE, older, newer });
  const first = rows[0];
  const last = rows.at(-1);
  return {
    badRange,
    rows: await withNames(rows),
    // Reading newer, "more" is about newer rows; an older page always has newer ones behind it.
    older: last && (newer || more) ? cursorOf(last) : null,
    newer: first && (older || (newer && more)) ? cursorOf(first) : null,
    actions,
  };
}

export const AUDIT_CSV_COLUMNS = ["at_bangkok", "actor_name", "actor_email", "action", "outcome", "agency_code", "agency_name", "target", "detail"];

/**
 * The filtered log as CSV, newest first: UTF-8 with a BOM (Thai Excel), formula-guarded cells
 * (spreadsheet.server.ts), streamed 1,000 rows per query, at most AUDIT_CSV_MAX_ROWS rows.
 */
export async function auditLogCsv(query: AuditQuery): Promise<ReadableStream<Uint8Array>> {
  const { filter, badRange } = await auditFilterFor(query);
  const encoder = new TextEncoder();
  let cursor: AuditCursor | undefined;
  let written = 0;
  let done = badRange;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(AUDIT_CSV_COLUMNS)}`));
    },
    async pull(controller) {
      if (done) return controller.close();
      const take = Math.min(CSV_BATCH, AUDIT_CSV_MAX_ROWS - written);
      const { rows, more } = await listAuditEntries(filter, { take, older: cursor });
      let text = "";
      for (const row of await withNames(rows)) {
        text += csvLine([
          bangkokIso(row.at),
          row.actor?.name ?? null,
          row.actor?.email ?? null,
          row.action,
          row.outcome,
          row.agency?.code ?? null,
          row.agency?.nameTh ?? null,
          row.target,
          row.detail,
        ]);
      }
      written += rows.length;
      const last = rows.at(-1);
      if (last) cursor = { at: last.at, id: last.id };
      if (!more) done = true;
      else if (written >= AUDIT_CSV_MAX_ROWS) {
        text += csvLine([`… ${bothLangs("operations.audit.csvTruncated", { rows: AUDIT_CSV_MAX_ROWS })}`]);
        done = true;
      }
      controller.enqueue(encoder.encode(text));
    },
  });
}
