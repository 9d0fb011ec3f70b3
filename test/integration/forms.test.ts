// Every action reads its body through readForm (app/utils/http.server.ts): same-site only, at most
// 16 KB, urlencoded only, no repeated fields.
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, MAX_FORM_FIELDS, MAX_LONG_FORM_BYTES, MAX_LONG_FORM_FIELDS, readForm } from "~/utils/http.server";

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
