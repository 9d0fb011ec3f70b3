import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getCurrentCycle } from "~/models/cycle.server";
import { requireAdminAgency } from "~/services/admin-guard.server";
import { findLiveCounter } from "~/models/service-counter.server";
import { eitLink } from "~/utils/eit-link.server";
import { invariantResponse } from "~/utils/http.server";
import { translate } from "~/utils/i18n.server";
import { qrSvg } from "~/utils/totp.server";
import { useT } from "~/utils/use-lang";

// Printed: no admin bar above it (app/routes/admin.tsx).
export const handle = { adminBar: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { agency } = await requireAdminAgency(request, params.slug);
  // A poster for a registered, live counter of this agency only (its opaque id in the link).
  const counterId = new URL(request.url).searchParams.get("c") ?? "";
  const counter = counterId ? await findLiveCounter(agency.id, counterId) : null;
  invariantResponse(counterId === "" || counter, "ไม่พบจุดบริการ / Unknown service point", { status: 404 });
  const cycle = await getCurrentCycle();
  const link = eitLink(agency.slug, counter?.id);
  return {
    slug: agency.slug,
    nameTh: agency.nameTh,
    nameEn: agency.nameEn,
    counter: counter ? { id: counter.id, label: counter.label } : null,
    link,
    qr: await qrSvg(link),
    // The poster speaks Thai (steps in English too) whatever the admin's language: its words come
    // from here, since the page's messages hold the admin's language only.
    words: {
      title: translate("th", "poster.title"),
      steps: translate("th", "poster.steps"),
      stepsEn: translate("en", "poster.steps"),
      anonymous: translate("th", "poster.anonymous"),
      cycle: cycle ? translate("th", "home.cycle", { year: cycle.fiscalYear }) : null,
    },
  };
}

/** An A4 poster for a service counter: the agency, a large QR, the short link, Thai steps. */
export default function PosterPage() {
  const { slug, nameTh, nameEn, counter, link, qr, words } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="no-print">
        <Link to={`/admin/agencies/${slug}`}>{t("dash.back")}</Link> ·{" "}
        <a href={`/admin/agencies/${slug}/qr.png${counter ? `?c=${counter.id}` : ""}`} download>
          {t("dash.eit.png")}
        </a>{" "}
        ·{" "}
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t("poster.print")}
        </button>
      </p>
      <article className="poster">
        <h1>{words.title}</h1>
        <p className="poster-agency">{nameTh}</p>
        <p className="poster-agency-en">{nameEn}</p>
        <div className="qr poster-qr" dangerouslySetInnerHTML={{ __html: qr }} />
        <p className="poster-link">{link}</p>
        <p className="poster-steps">{words.steps}</p>
        <p className="poster-steps-en">{words.stepsEn}</p>
        <p className="poster-anonymous">{words.anonymous}</p>
        {words.cycle ? <p className="poster-cycle">{words.cycle}</p> : null}
        {counter ? <p className="poster-counter">{counter.label}</p> : null}
      </article>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
