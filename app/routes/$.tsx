// Any URL no other route matches. Remix runs no loader at all when nothing matches, so the 404 page
// had no root data and fell back to Thai whatever the language cookie said. This route matches
// everything else and answers 404 from its loader (and its action: a POST gets 404, not 405), so
// the root loader has run and the error page is in the visitor's language. The access log and the
// metrics still name these requests "(no route)" (app/utils/route-patterns.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readForm } from "~/utils/http.server";

function notFound(): never {
  throw new Response(null, { status: 404 });
}

export const loader = notFound;

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request); // CSRF and size first, as every action: a cross-site POST is refused, not answered
  notFound();
}

// Never rendered (the loader always throws), but without a component this would be a resource
// route, answering its 404 as a bare response instead of the page.
export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
