// Attack L2: every anonymous `?_data=` GET (Remix's pre-single-fetch data request) logged an error
// with a stack trace: a log flood for anyone with curl. Remix's own request handler is driven with
// a one-route build around the app's real handleError (app/entry.server.tsx), the logger's error
// lines captured (app/utils/logger.server.ts).
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";
import { logger } from "~/utils/logger.server";

function remixWith(entryHandleError: ServerBuild["entry"]["module"]["handleError"]) {
  const build = {
    mode: "production",
    basename: "/",
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    isSpaMode: false,
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true },
    assets: { url: "/build/manifest.js", version: "test", entry: { module: "/build/entry.js", imports: [] }, routes: {} },
    entry: { module: { default: () => new Response("<html></html>", { headers: { "Content-Type": "text/html" } }), handleError: entryHandleError } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null, loader: () => ({ ok: true }) } },
      "routes/iit._index": {
        id: "routes/iit._index",
        parentId: "root",
        path: "iit",
        index: undefined,
        module: { default: () => null, loader: () => ({ ok: true }) },
      },
    },
  } as unknown as ServerBuild;
  return createRequestHandler(build, "production");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("?_data= requests (attack L2)", () => {
  it("an anonymous GET with an invalid _data route id gets a 4xx and logs nothing", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    const remix = remixWith(handleError);
    for (const id of ["routes/nope", "routes/admin._index", "x".repeat(200), "root"]) {
      const response = await remix(new Request(`http://localhost/iit?_data=${encodeURIComponent(id)}`), { clientAddress: "192.0.2.9" });
      if (id !== "root") expect(response.status, id).toBeGreaterThanOrEqual(400);
      expect(response.status, id).toBeLessThan(500);
    }
    expect(logged).not.toHaveBeenCalled();
  });

  it("a real server error is still logged, with its request id and without the path or query string", () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    const request = new Request("http://localhost/admin/invite/TOKEN-SECRET?_data=routes%2Fiit._index&code=SECRET");
    const error = new Error("database on fire");
    handleError(error, { request, params: {}, context: { clientAddress: "192.0.2.9", requestId: "request-0001" } });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]).toEqual([{ requestId: "request-0001", method: "GET", err: error }, "server error"]);
    expect(JSON.stringify(logged.mock.calls)).not.toContain("SECRET");
  });
});
