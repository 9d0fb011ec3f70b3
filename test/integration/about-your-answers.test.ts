// /about-your-answers tells respondents which fields a response row holds. That list must be the
// Response model's columns exactly (prisma/models/models.prisma): a column added to the model and
// not to the page — or a page promising less than is stored — fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as aboutRoute from "~/routes/about-your-answers";
import { outcome } from "../fixtures/http";

/** The scalar columns of a model in the schema file (relation fields, which are not columns, left out). */
function modelColumns(schema: string, model: string): string[] {
  const block = schema.match(new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, "m"));
  if (!block) throw new Error(`model ${model} not found`);
  const models = new Set([...schema.matchAll(/^model (\w+) \{/gm)].map((match) => match[1]));
  return block[1]
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trim())
    .filter((line) => line && !line.startsWith("@@"))
    .map((line) => line.split(/\s+/))
    .filter(([, type]) => !models.has(type.replace(/[?[\]]/g, "")))
    .map(([name]) => name);
}

type AboutData = { stored: { fields: string[]; label: string; meaning: string }[] };

describe("what happens to your answers", () => {
  it("lists exactly the Response model's columns, each with its meaning, in Thai and in English", async () => {
    const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../../prisma/models/models.prisma"), "utf8");
    const columns = modelColumns(schema, "Response");
    expect(columns).toContain("answers"); // the parser reads the model
    expect(columns).not.toContain("cycle"); // …and leaves relations out
    for (const cookie of ["", "lang=ImVuIg%3D%3D"]) {
      const page = await outcome(() =>
        aboutRoute.loader({
          request: new Request("http://localhost/about-your-answers", { headers: { Cookie: cookie } }),
          params: {},
          context: { clientAddress: "192.0.2.81" },
        }),
      );
      expect(page.status).toBe(200);
      const { stored } = page.data as AboutData;
      expect(stored.flatMap((row) => row.fields).sort()).toEqual([...columns].sort());
      for (const row of stored) expect(row.meaning.length).toBeGreaterThan(5);
    }
  });
});
