/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as Express sees it (scripts/serve.js); "unknown" in tests. */
    clientAddress: string;
  }
  // Single fetch: loaders and actions return plain objects (remix.config.js future flag).
  interface Future {
    v3_singleFetch: true;
  }
}
export {};
