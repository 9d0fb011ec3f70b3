import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { searchAgencies } from "~/models/agency.server";
import { translate } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";

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
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
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
            <Link to={`/e/${agency.slug}`}>{lang === "th" ? agency.nameTh : agency.nameEn}</Link>
            {agency.province ? <span className="muted"> · {lang === "th" ? agency.province.nameTh : agency.province.nameEn}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
