import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { errorTitle, GeneralErrorBoundary } from "./components/error-boundary";
import { LanguageSwitch } from "./components/language-switch";
import stylesheet from "./styles/app.css";
import { metaT, type RootData } from "./utils/i18n";
import { pageMessages } from "./utils/i18n.server";
import { getLang } from "./utils/lang.server";
import { useNonce } from "./utils/nonce";
import { useLang, useT } from "./utils/use-lang";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The default <title> (2.4.2, 3.1.1): one language, the page's; an error state says so first.
export const meta: MetaFunction = ({ matches, error }) => {
  const t = metaT(matches);
  return [{ title: error ? errorTitle(t, error) : t("app.name") }];
};

// The page's language and its texts in that language only (decision 028): the catalogue is not in
// any JavaScript chunk; the document carries one language of it (~18 KB gzip in Thai), and only
// documents that load <Scripts/> (respondent pages embed no loader data at all).
export async function loader({ request }: LoaderFunctionArgs): Promise<RootData> {
  const lang = await getLang(request);
  return { lang, messages: pageMessages(lang) };
}

// The language changes only through /language, a reloadDocument form (a new document, a new root
// answer): client navigations, fetchers and actions never need the messages again, so a single
// fetch leaves the root out instead of re-sending ~18 KB with every click.
export const shouldRevalidate: ShouldRevalidateFunction = () => false;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const lang = useLang();
  const t = useT();
  // Respondent pages (handle.hydrate === false) are plain HTML forms plus public/citizen.js: no
  // framework bundle (~180 KB) for a cheap phone at a service counter.
  const hydrate = !useMatches().some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="site-header">
          <a href="/" className="site-name">
            {t("app.name")}
          </a>
          <LanguageSwitch lang={lang} />
        </header>
        <main className="page">{children}</main>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script nonce={nonce} src="/citizen.js" defer />
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
