import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdminAgency } from "~/services/admin-guard.server";
import { COUNTER_TAG } from "~/utils/counter-tag";
import { eitLink } from "~/utils/eit-link.server";
import { invariantResponse } from "~/utils/http.server";
import { qrPng } from "~/utils/totp.server";

/** The EIT QR as a PNG (for agencies that lay out their own posters). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { agency } = await requireAdminAgency(request, params.slug);
  const counter = new URL(request.url).searchParams.get("c") ?? "";
  invariantResponse(counter === "" || COUNTER_TAG.test(counter), "Invalid service point tag", { status: 400 });
  const png = await qrPng(eitLink(agency.slug, counter));
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="eit-${agency.slug}${counter ? `-${counter}` : ""}.png"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
