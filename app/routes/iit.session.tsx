import type { ActionFunctionArgs } from "@remix-run/node";
import { extendAction } from "~/services/survey-flow.server";

// POST /iit/session: the "more time" button of public/citizen.js (WCAG 2.2.1, decision 025).
// No body is read but for the CSRF and size checks; no answers travel here. A GET is Remix's 405.
export const action = ({ request }: ActionFunctionArgs) => extendAction(request);
