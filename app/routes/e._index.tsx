import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { searchAgencies } from "~/models/agency.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { localName } from "~/utils/i18n";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

const SearchSchema = z.object({ q: z.string().trim().max(100).catch("") });

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { q } = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const agencies = q.length >= 2 ? await searchAgencies(q) : [];
  return { lang, q, agencies };
}

export default function EitFinderPage() {
  const { lang, q, agencies } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("eit.find.title")}</h1>
      <p>{t("eit.find.hint")}</p>
      <Form method="get" className="code-form">
        <label htmlFor="q">{t("eit.find.label")}</label>
        <input id="q" name="q" type="search" defaultValue={q} className="text-input" maxLength={100} />
        <button type="submit" className="button">
          {t("eit.find.submit")}
        </button>
      </Form>
      {q.length >= 2 && agencies.length === 0 ? <p>{t("eit.find.none")}</p> : null}
      <ul className="agency-list">
        {agencies.map((agency) => (
          <li key={agency.slug}>
            <Link to={`/e/${agency.slug}`}>{localName(agency, lang)}</Link>
            {agency.province ? <span className="muted"> · {localName(agency.province, lang)}</span> : null}
          </li>
        ))}
      </ul>
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
