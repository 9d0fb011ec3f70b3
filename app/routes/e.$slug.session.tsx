import type { ActionFunctionArgs } from "@remix-run/node";
import { extendAction } from "~/services/survey-flow.server";

// POST /e/<agency>/session: the "more time" button of public/citizen.js (WCAG 2.2.1, decision 025).
// The survey session is one cookie whatever the page; no answers travel here.
export const action = ({ request }: ActionFunctionArgs) => extendAction(request);
