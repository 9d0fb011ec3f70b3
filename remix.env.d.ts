/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as Express sees it (scripts/serve.js); "unknown" in tests. */
    clientAddress: string;
    /** Set by scripts/serve.js when it already ran the survey action for this request (docs/decisions/008). */
    surveySubmitOutcome?: import("./app/services/survey-fast-path.server").SurveySubmitOutcome;
    /** This request's id in the access log (scripts/serve.js; also the X-Request-Id answer header). */
    requestId?: string;
  }
  // Single fetch: loaders and actions return plain objects (remix.config.js future flag).
  interface Future {
    v3_singleFetch: true;
  }
}
export {};
