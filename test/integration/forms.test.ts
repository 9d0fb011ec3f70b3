// Every action reads its body through readForm (app/utils/http.server.ts): same-site only, at most
// 16 KB, urlencoded only, no repeated fields.
import { describe, expect, it } from "vitest";
import { isCrossSite, MAX_BODY_BYTES, MAX_FORM_FIELDS, MAX_LONG_FORM_BYTES, MAX_LONG_FORM_FIELDS, readForm } from "~/utils/http.server";

function post(body: string, headers: Record<string, string> = {}) {
  return new Request("http://localhost/x", { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers } });
}

async function status(request: Request): Promise<number> {
  try {
    await readForm(request);
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("readForm", () => {
  it("accepts a same-site urlencoded form and NFC-normalises values", async () => {
    const form = await readForm(post("name=%E0%B9%80%E0%B8%97%E0%B8%A8&a=1", { "Sec-Fetch-Site": "same-origin" }));
    expect(form.get("a")).toBe("1");
    expect(form.get("name")).toBe("เทศ".normalize("NFC"));
  });

  it("refuses a repeated field (an allow-list must see every value)", async () => {
    expect(await status(post("e2=3&e2=0"))).toBe(400);
  });

  it("refuses cross-site posts, by Sec-Fetch-Site and by Origin", async () => {
    expect(await status(post("a=1", { "Sec-Fetch-Site": "cross-site" }))).toBe(403);
    expect(await status(post("a=1", { Origin: "https://evil.example" }))).toBe(403);
    expect(await status(post("a=1", { Origin: "http://localhost" }))).toBe(200);
  });

  it("refuses bodies over 16 KB even without a Content-Length, and other encodings", async () => {
    expect(await status(post(`a=${"x".repeat(MAX_BODY_BYTES)}`))).toBe(413);
    expect(await status(post("a=1", { "Content-Type": "multipart/form-data; boundary=x" }))).toBe(415);
    expect(await status(post("a=1", { "Content-Type": "application/json" }))).toBe(415);
  });
});

// Attack C1 (issue 19): readForm checked repeats with FormData.has, a linear scan per key, so a
// body of tens of thousands of keys took seconds of CPU. Now a Set, and a field-count cap.
describe("readForm field caps (attack C1)", () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `${i.toString(36)}=`).join("&");

  it("refuses a 16 KB form with more fields than any form of the product has", async () => {
    const body = keys(MAX_FORM_FIELDS + 1);
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    expect(await status(post(body))).toBe(413);
    expect(await status(post(keys(MAX_FORM_FIELDS)))).toBe(200);
  });

  it("refuses the attack's 44,000 empty keys in the long form, even for a signed-in admin", async () => {
    const body = keys(44_000);
    expect(body.length).toBeLessThan(MAX_LONG_FORM_BYTES);
    const read = readForm(post(body), { long: { signedIn: { userId: "u" } } });
    await expect(read).rejects.toMatchObject({ status: 413 });
    const fits = await readForm(post(keys(MAX_LONG_FORM_FIELDS)), { long: { signedIn: { userId: "u" } } });
    expect([...fits.keys()]).toHaveLength(MAX_LONG_FORM_FIELDS);
  });

  it("without a signed-in session the long limit does not apply", async () => {
    expect(await status(post(`a=${"x".repeat(MAX_BODY_BYTES)}`))).toBe(413);
  });
});

// Attack L1: `Origin: http://evil.example` with `Sec-Fetch-Site: same-origin` passed isCrossSite
// (Sec-Fetch-Site alone decided), so scripts/serve.js let the POST through and Remix's own Origin
// check answered 500 with a stack trace. A present, mismatching Origin is cross-site.
describe("isCrossSite: a foreign Origin is cross-site whatever Sec-Fetch-Site says (attack L1)", () => {
  // As scripts/serve.js calls it: a headers object with get(), and the URL Express saw.
  const expressLike = (headers: Record<string, string>, url = "http://localhost:3000/iit?index") => ({
    headers: { get: (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null },
    url,
  });

  it("refuses the attack's headers in readForm (403) and in the serve.js call", async () => {
    const attack = { Origin: "http://evil.example", "Sec-Fetch-Site": "same-origin" };
    expect(await status(post("a=1", attack))).toBe(403);
    expect(await status(post("a=1", { Origin: "http://evil.example", "Sec-Fetch-Site": "none" }))).toBe(403);
    expect(isCrossSite(expressLike({ ...attack, Host: "localhost:3000" }))).toBe(true);
    expect(isCrossSite(expressLike({ Origin: "http://localhost:3001", "Sec-Fetch-Site": "same-origin", Host: "localhost:3000" }))).toBe(true);
    expect(isCrossSite(expressLike({ Origin: "not a url", "Sec-Fetch-Site": "same-origin" }))).toBe(true);
  });

  it("refuses an Origin that matches the URL but not the Host / X-Forwarded-Host Remix compares it with", () => {
    const url = "http://localhost:3000/admin/login";
    expect(
      isCrossSite(
        expressLike({ Origin: "http://localhost:3000", "Sec-Fetch-Site": "same-origin", Host: "localhost:3000", "X-Forwarded-Host": "evil.example" }, url),
      ),
    ).toBe(true);
    expect(isCrossSite(expressLike({ Origin: "http://localhost:3000", "Sec-Fetch-Site": "same-origin", Host: "other:3000" }, url))).toBe(true);
  });

  it("still accepts same-origin browsers, Origin: null with Sec-Fetch-Site: same-origin, and clients without either header", async () => {
    expect(await status(post("a=1", { Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" }))).toBe(200);
    expect(isCrossSite(expressLike({ Origin: "http://localhost:3000", "Sec-Fetch-Site": "same-origin", Host: "localhost:3000" }))).toBe(false);
    expect(
      isCrossSite(expressLike({ Origin: "http://ita.example", "X-Forwarded-Host": "ita.example", Host: "127.0.0.1:3000" }, "http://ita.example/iit")),
    ).toBe(false);
    expect(isCrossSite(expressLike({ Origin: "null", "Sec-Fetch-Site": "same-origin" }))).toBe(false);
    expect(isCrossSite(expressLike({ Origin: "null" }))).toBe(true);
    expect(isCrossSite(expressLike({}))).toBe(false);
  });
});
