// Attack C1 (issue 19), replayed: an anonymous POST of ~44,000 empty keys to the improvement-plan
// action (the one 256 KB form) made the server parse it before checking the session, freezing
// every other request for ~4 s. Now the session is checked first and the body is never read.
import { describe, expect, it } from "vitest";
import * as planRoute from "~/routes/admin.agencies.$slug.plan._index";

function floodRequest() {
  const body = Array.from({ length: 44_000 }, (_, i) => `${i.toString(36)}=`).join("&"); // 220 KB
  return new Request("http://localhost/admin/agencies/x/plan", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
  });
}

async function outcome(request: Request) {
  try {
    const result = await planRoute.action({ request, params: { slug: "x" }, context: { clientAddress: "127.0.0.1" } });
    return result instanceof Response ? result : new Response(null, { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("improvement-plan action under a form flood (attack C1)", () => {
  it("sends an anonymous request to sign in without reading its body", async () => {
    const request = floodRequest();
    const response = await outcome(request);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/admin\/login/);
    expect(request.bodyUsed).toBe(false);
  });

  it("still refuses a cross-site flood before anything else", async () => {
    const request = new Request("http://localhost/admin/agencies/x/plan", { method: "POST", body: "a=1", headers: { "Sec-Fetch-Site": "cross-site" } });
    expect((await outcome(request)).status).toBe(403);
    expect(request.bodyUsed).toBe(false);
  });
});
