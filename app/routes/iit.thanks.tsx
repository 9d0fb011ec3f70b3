import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translate } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return { lang: await getLang(request) };
}

export default function IitThanksPage() {
  const { lang } = useLoaderData<typeof loader>();
  return (
    <section className="thanks">
      <h1>{translate(lang, "survey.thanks.title")}</h1>
      <p>{translate(lang, "survey.thanks.body")}</p>
      <p>
        <Link to="/">{translate(lang, "error.home")}</Link>
      </p>
    </section>
  );
}
