// The one table of agency kinds (app/domain/agency-kinds.ts) against the Prisma enum it mirrors,
// and what reads it: the UI labels and the name search.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AGENCY_KIND_CODES, AGENCY_KINDS, agencyKind } from "~/domain/agency-kinds";
import { AgencyKind } from "~/generated/sqlite/enums";
import { translate } from "~/utils/i18n.server";
import { searchTerms } from "~/utils/thai-search";

const SCHEMA = path.resolve(import.meta.dirname, "../../../prisma/models/models.prisma");

/** The values of `enum AgencyKind { … }` in the schema file, in order (comments dropped). */
function schemaEnumValues(name: string): string[] {
  const schema = fs.readFileSync(SCHEMA, "utf8");
  const body = schema.match(new RegExp(`\\benum\\s+${name}\\s*\\{([^}]*)\\}`))?.[1];
  if (!body) throw new Error(`enum ${name} not found in ${SCHEMA}`);
  return body
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trim())
    .filter(Boolean);
}

describe("agency kinds", () => {
  it("the table's codes are the Prisma enum AgencyKind's values, in the same order (schema file and generated client)", () => {
    expect(AGENCY_KINDS).toHaveLength(14);
    expect([...AGENCY_KIND_CODES]).toEqual(schemaEnumValues("AgencyKind"));
    expect([...AGENCY_KIND_CODES]).toEqual(Object.values(AgencyKind));
  });

  it("every kind has a Thai and an English name; codes, names and abbreviations are unique", () => {
    for (const kind of AGENCY_KINDS) {
      expect(kind.th, kind.code).not.toBe("");
      expect(kind.en, kind.code).not.toBe("");
    }
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(AGENCY_KINDS.map((kind) => kind.code))).toBe(true);
    expect(unique(AGENCY_KINDS.map((kind) => kind.th))).toBe(true);
    expect(unique(AGENCY_KINDS.flatMap((kind) => [...kind.abbreviations]))).toBe(true);
    expect(agencyKind("local_sao")).toMatchObject({ th: "องค์การบริหารส่วนตำบล", abbreviations: ["อบต."] });
  });

  it("the UI labels come from the table", () => {
    for (const kind of AGENCY_KINDS) {
      expect(translate("th", `kind.${kind.code}`)).toBe(kind.th);
      expect(translate("en", `kind.${kind.code}`)).toBe(kind.en);
    }
  });

  it("the abbreviations people type are those of the local government kinds, and the search expands each", () => {
    expect(Object.fromEntries(AGENCY_KINDS.filter((kind) => kind.abbreviations.length).map((kind) => [kind.code, kind.abbreviations]))).toEqual({
      local_pao: ["อบจ."],
      local_city: ["ทน."],
      local_town: ["ทม."],
      local_subdistrict: ["ทต."],
      local_sao: ["อบต."],
    });
    for (const kind of AGENCY_KINDS) {
      for (const abbreviation of kind.abbreviations) {
        expect(searchTerms(abbreviation)).toEqual([kind.th]);
        expect(searchTerms(abbreviation.replace(/\.$/, ""))).toEqual([kind.th]);
      }
    }
  });
});
