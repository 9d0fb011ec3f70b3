import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdminAgency } from "~/services/admin-guard.server";
import { findLiveCounter } from "~/models/service-counter.server";
import { eitLink } from "~/utils/eit-link.server";
import { invariantResponse } from "~/utils/http.server";
import { qrPng } from "~/utils/totp.server";
import { unavailableAs503 } from "~/utils/database-unavailable.server";

// A database outage is a 503 "please try again", not a system error.
export const loader = /* @__PURE__ */ unavailableAs503(adminQrPngLoader);
/** The EIT QR as a PNG (for agencies that lay out their own posters). */
async function adminQrPngLoader({ request, params }: LoaderFunctionArgs) {
  const { agency } = await requireAdminAgency(request, params.slug);
  const counterId = new URL(request.url).searchParams.get("c") ?? "";
  const counter = counterId ? await findLiveCounter(agency.id, counterId) : null;
  invariantResponse(counterId === "" || counter, "Unknown service point", { status: 404 });
  const png = await qrPng(eitLink(agency.slug, counter?.id));
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="eit-${agency.slug}${counter ? `-${counter.id}` : ""}.png"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
