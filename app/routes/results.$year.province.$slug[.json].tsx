// /results/<year>/province/<province-slug>.json: one province's open data (docs/open-data.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDataResponse } from "~/services/public-results.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return openDataResponse(request, params.year, { kind: "province", slug: params.slug ?? "" }, "json");
}
