import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdminAgency } from "~/services/admin-guard.server";
import { findLiveCounter } from "~/models/service-counter.server";
import { eitLink } from "~/utils/eit-link.server";
import { invariantResponse } from "~/utils/http.server";
import { qrPng } from "~/utils/totp.server";

/** The EIT QR as a PNG (for agencies that lay out their own posters). */
export async function loader({ request, params }: LoaderFunctionArgs) {
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
