// /results/<year>.csv: the fiscal year's open data for the nation (docs/open-data.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDataResponse } from "~/services/public-results.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return openDataResponse(request, params.year, { kind: "nation" }, "csv");
}
