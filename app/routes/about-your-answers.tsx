// /about-your-answers: what happens to a respondent's answers, in plain Thai (and English), linked
// from every survey page (components/about-answers-link.tsx). Every sentence describes the code:
// decisions 002 (what a response row holds), 004 (the keyed phone marker), 010 (screening and
// counters as counts), 012 (who sees what). The list of stored fields is checked against the
// Response model in prisma/models/models.prisma by test/unit/about-your-answers.test.ts.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/public-results";
import { cachedPage } from "~/services/public-results.server";
import { metaT, type MessageKey } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

// A respondent-facing page: plain HTML, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

/** Every field of a response row (the Response model), and what it is. Nothing else is stored with answers. */
export const STORED_RESPONSE_FIELDS: { fields: string[]; meaning: MessageKey }[] = [
  { fields: ["id"], meaning: "about.col.id" },
  { fields: ["cycleId"], meaning: "about.col.cycleId" },
  { fields: ["agencyId"], meaning: "about.col.agencyId" },
  { fields: ["instrument"], meaning: "about.col.instrument" },
  { fields: ["answers"], meaning: "about.col.answers" },
  { fields: Array.from({ length: 30 }, (_, i) => `p${i + 1}`), meaning: "about.col.points" },
];

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("about.title")} — ITA` }, { name: "description", content: t("about.description") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const headers = cachedPage(request, null, lang);
  return data(
    {
      lang,
      stored: STORED_RESPONSE_FIELDS.map((row) => ({
        fields: row.fields,
        label: row.fields.length > 2 ? `${row.fields[0]} … ${row.fields[row.fields.length - 1]}` : row.fields.join(", "),
        meaning: translate(lang, row.meaning),
      })),
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export default function AboutYourAnswersPage() {
  const { stored } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="about-answers">
      <h1>{t("about.title")}</h1>
      <p>{t("about.intro")}</p>

      <h2>{t("about.stored.title")}</h2>
      <p>{t("about.stored.body")}</p>
      <TableRegion id="stored-fields" caption={t("about.stored.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("about.stored.column")}</th>
            <th scope="col">{t("about.stored.meaning")}</th>
          </tr>
        </thead>
        <tbody>
          {stored.map((row) => (
            <tr key={row.label} data-fields={row.fields.join(" ")}>
              <th scope="row" lang="en">
                <code>{row.label}</code>
              </th>
              <td>{row.meaning}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>

      <h2>{t("about.counts.title")}</h2>
      <p>{t("about.counts.body")}</p>

      <h2>{t("about.notStored.title")}</h2>
      <p>{t("about.notStored.body")}</p>
      <p>{t("about.notStored.limits")}</p>

      <h2>{t("about.phone.title")}</h2>
      <p>{t("about.phone.body")}</p>

      <h2>{t("about.key.title")}</h2>
      <p>{t("about.key.body")}</p>

      <h2>{t("about.see.title")}</h2>
      <ul>
        <li>{t("about.see.collecting")}</li>
        <li>{t("about.see.final")}</li>
        <li>{t("about.see.public")}</li>
      </ul>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
