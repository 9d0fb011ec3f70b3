import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";
import type { ReactNode } from "react";
import { errorTitle, GeneralErrorBoundary, metaLang } from "./components/error-boundary";
import { LanguageSwitch } from "./components/language-switch";
import stylesheet from "./styles/app.css";
import { translate } from "./utils/i18n";
import { getLang } from "./utils/lang.server";
import { useNonce } from "./utils/nonce";
import { useLang } from "./utils/use-lang";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The default <title> (2.4.2, 3.1.1): one language, the page's; an error state says so first.
export const meta: MetaFunction = ({ matches, error }) => {
  const lang = metaLang(matches);
  return [{ title: error ? errorTitle(lang, error) : translate(lang, "app.name") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  return { lang: await getLang(request) };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const lang = useLang();
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
            {translate(lang, "app.name")}
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
