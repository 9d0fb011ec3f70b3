// Every action reads its body through readForm (app/utils/http.server.ts): same-site only, at most
// 16 KB, urlencoded only, no repeated fields.
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readForm } from "~/utils/http.server";

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
