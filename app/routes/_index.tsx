import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CLOSED_NOTICE_KEYS, ClosedNotice } from "~/components/closed-notice";
import { windowState } from "~/domain/collection";
import { PART_CODES } from "~/domain/ruleset";
import { getCurrentCycle, getCycleRuleset } from "~/models/cycle.server";
import { inBothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const cycle = await getCurrentCycle();
  const closedNotice = inBothLangs(CLOSED_NOTICE_KEYS);
  if (!cycle) return { lang, cycle: null, collecting: false, closedNotice };
  const ruleset = getCycleRuleset(cycle);
  return {
    lang,
    closedNotice,
    // The current cycle (the one collecting, else the latest): closed when neither survey is open.
    collecting: windowState(cycle, "iit") === "open" || windowState(cycle, "eit1") === "open",
    cycle: {
      fiscalYear: cycle.fiscalYear,
      provisionalWording: ruleset.meta.provisionalWording,
      weights: PART_CODES.map((code) => ({ code, name: ruleset.parts[code].name[lang], weight: ruleset.parts[code].weight })),
    },
  };
}

export default function Home() {
  const { cycle, collecting, closedNotice } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("app.tagline")}</h1>
      {collecting ? null : <ClosedNotice texts={closedNotice} />}
      <p>{t("home.intro")}</p>
      <p className="muted">{cycle ? t("home.cycle", { year: cycle.fiscalYear }) : t("home.cycle.none")}</p>
      <div className="cards">
        <section className="card">
          <h2>{t("home.iit.title")}</h2>
          <p>{t("home.iit.body")}</p>
          <Link className="button" to="/iit">
            {t("home.iit.cta")}
          </Link>
        </section>
        <section className="card">
          <h2>{t("home.eit.title")}</h2>
          <p>{t("home.eit.body")}</p>
          <Link to="/e">{t("home.eit.find")}</Link>
        </section>
        <section className="card">
          <h2>{t("home.admin.title")}</h2>
          <p>{t("home.admin.body")}</p>
          <Link to="/admin">{t("home.admin.cta")}</Link>
        </section>
      </div>
      <p>
        <Link to="/results">{t("home.results.link")}</Link>
      </p>
      {cycle ? (
        <section>
          <h2>{t("home.weights")}</h2>
          <table className="weights">
            <tbody>
              {cycle.weights.map((part) => (
                <tr key={part.code}>
                  <th scope="row">{part.name}</th>
                  <td>{part.weight} %</td>
                </tr>
              ))}
            </tbody>
          </table>
          {cycle.provisionalWording ? <p className="notice">{t("home.provisional")}</p> : null}
        </section>
      ) : null}
    </>
  );
}
