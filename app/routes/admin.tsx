// The admin layout: who is signed in (the admin bar) above every admin page. Sign-in, 2FA and
// sign-out sit outside it (admin_.login…, admin_.2fa.setup, admin_.logout): they have no admin
// yet. The year switcher (components/year-switch.tsx → /admin/year) sits under the bar; requireCycle
// reads the choice (`?year=` or its cookie) for every page.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useMatches } from "@remix-run/react";
import { AdminBar } from "~/components/admin-bar";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { YearSwitch } from "~/components/year-switch";
import { requireAdmin, yearSwitchState } from "~/services/admin-guard.server";
import adminStylesheet from "~/styles/admin.css";

// Reflow at 320 px (issue 20 §3): the admin pages' own rules, beside app.css.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStylesheet }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireAdmin(request);
  return { admin: { name: session.user.name, roles: session.user.grants.map((grant) => grant.role) }, years: await yearSwitchState(request) };
}

/** A page that is printed (poster, plan) says `handle = { adminBar: false }`. */
export default function AdminLayout() {
  const { admin, years } = useLoaderData<typeof loader>();
  const bar = !useMatches().some((match) => (match.handle as { adminBar?: boolean } | undefined)?.adminBar === false);
  return (
    <>
      {bar ? <AdminBar name={admin.name} roles={admin.roles} /> : null}
      {bar ? <YearSwitch {...years} /> : null}
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
