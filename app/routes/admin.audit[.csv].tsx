// /admin/audit.csv: the audit log as filtered on /admin/audit, streamed (system admin only).
// The download itself is audited (who, which filter).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSystemAdmin } from "~/services/admin-guard.server";
import { recordAudit } from "~/models/audit.server";
import { auditLogCsv, parseAuditQuery } from "~/services/audit-log.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSystemAdmin(request);
  const query = parseAuditQuery(new URL(request.url));
  const { older: _older, newer: _newer, ...filter } = query;
  await recordAudit({ action: "audit.export", outcome: "ok", actorId: session.userId, detail: filter });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(await auditLogCsv(query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ita-audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
