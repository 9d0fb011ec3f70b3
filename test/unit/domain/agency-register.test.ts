// The register's rules (app/domain/agency-register.ts): headers in Thai or English, every bad row
// named, kinds and provinces as officers write them, parents that are missing or loop, and the
// plan of what an import changes.
import { describe, expect, it } from "vitest";
import { findAgencyKind } from "~/domain/agency-kinds";
import {
  deriveSlug,
  mapHeader,
  planCounts,
  planRegisterImport,
  provinceLookup,
  readRegisterRows,
  REGISTER_MAX_ROWS,
  type ExistingAgency,
  type ProvinceRef,
} from "~/domain/agency-register";

const PROVINCES: ProvinceRef[] = [
  { code: "10", slug: "bangkok", nameTh: "กรุงเทพมหานคร", nameEn: "Bangkok" },
  { code: "47", slug: "sakon-nakhon", nameTh: "สกลนคร", nameEn: "Sakon Nakhon" },
];

const HEADER = ["code", "name_th", "name_en", "kind", "province", "parent_code", "iit_population", "eit_population", "admin_email"];

function rows(...body: string[][]) {
  return readRegisterRows([HEADER, ...body], PROVINCES);
}

function existing(partial: Partial<ExistingAgency> & { code: string }): ExistingAgency {
  return {
    id: `id-${partial.code}`,
    slug: partial.code.toLowerCase(),
    nameTh: `ชื่อ ${partial.code}`,
    nameEn: `Name ${partial.code}`,
    kind: "department",
    provinceCode: null,
    parentCode: null,
    active: true,
    ...partial,
  };
}

describe("headers", () => {
  it("accepts English or Thai names in any order and case, with a BOM; ignores unknown columns", () => {
    const { columns, ignored, issues } = mapHeader(["\uFEFFประเภท", "Name_TH", "รหัสหน่วยงาน", "จังหวัด", "หมายเหตุ"]);
    expect(issues).toEqual([]);
    expect(columns).toEqual({ kind: 0, nameTh: 1, code: 2, province: 3 });
    expect(ignored).toEqual(["หมายเหตุ"]);
  });

  it("names each missing required column and a repeated one", () => {
    const { issues } = mapHeader(["code", "รหัสหน่วยงาน", "name_th"]);
    expect(issues).toEqual([
      { reason: "duplicateColumn", row: 1, column: "code", value: "รหัสหน่วยงาน" },
      { reason: "missingColumn", row: 1, column: "kind", other: "kind / ประเภท" },
      { reason: "missingColumn", row: 1, column: "province", other: "province / จังหวัด" },
    ]);
  });
});

describe("kinds and provinces", () => {
  it("finds a kind by code, Thai or English name, abbreviation with or without its dot, or alias", () => {
    expect(findAgencyKind("local_sao")).toBe("local_sao");
    expect(findAgencyKind("อบต.")).toBe("local_sao");
    expect(findAgencyKind("อบต")).toBe("local_sao");
    expect(findAgencyKind("อบจ.")).toBe("local_pao");
    expect(findAgencyKind("เทศบาลตำบล")).toBe("local_subdistrict");
    expect(findAgencyKind("จังหวัด")).toBe("provincial_admin");
    expect(findAgencyKind("อำเภอ")).toBe("district_office");
    expect(findAgencyKind("มหาวิทยาลัย")).toBe("university");
    expect(findAgencyKind("กระทรวง")).toBe("ministry");
    expect(findAgencyKind("กรม")).toBe("department");
    expect(findAgencyKind("รัฐวิสาหกิจ")).toBe("state_enterprise");
    expect(findAgencyKind("องค์การมหาชน")).toBe("public_organization");
    expect(findAgencyKind("State Enterprise")).toBe("state_enterprise");
    expect(findAgencyKind("อื่นๆ")).toBe("other");
    expect(findAgencyKind("บริษัท")).toBeNull();
  });

  it("finds a province by code, Thai name (with or without จังหวัด), English name in any case, or slug", () => {
    const find = provinceLookup(PROVINCES);
    for (const text of ["47", "สกลนคร", "จังหวัดสกลนคร", "sakon nakhon", "SAKON NAKHON", "sakon-nakhon"]) expect(find(text), text).toBe("47");
    expect(find("10")).toBe("10");
    expect(find("Atlantis")).toBeNull();
  });
});

describe("rows", () => {
  it("reads a valid row: trimmed, NFC, populations with thousands separators, e-mail lower-cased", () => {
    const { rows: read, issues } = rows(["  A1 ", "กรมหนึ่ง", "", "กรม", "", "", "1,250", "30", "Admin@Example.go.th"]);
    expect(issues).toEqual([]);
    expect(read).toEqual([
      {
        row: 2,
        code: "A1",
        nameTh: "กรมหนึ่ง",
        nameEn: "",
        kind: "department",
        provinceCode: null,
        parentCode: null,
        iitPopulation: 1250,
        eitPopulation: 30,
        adminEmail: "admin@example.go.th",
      },
    ]);
  });

  it("reports every bad row with its spreadsheet row number and reason, not just the first", () => {
    const { issues } = rows(
      ["A1", "หนึ่ง", "", "กรม", "", "", "", "", ""],
      ["", "ไม่มีรหัส", "", "กรม", "", "", "", "", ""],
      ["A3", "สาม", "", "บริษัท", "", "", "", "", ""],
      ["A4", "สี่", "", "อบต.", "แอตแลนติส", "", "", "", ""],
      ["A5", "ห้า", "", "อบต.", "47", "", "12.5", "-3", ""],
      ["A1", "ซ้ำ", "", "กรม", "", "", "", "", ""],
      ["A7", "เจ็ด", "", "กรม", "", "", "", "", "not-an-email"],
    );
    expect(issues).toEqual([
      { reason: "required", row: 3, column: "code" },
      { reason: "unknownKind", row: 4, column: "kind", value: "บริษัท" },
      { reason: "unknownProvince", row: 5, column: "province", value: "แอตแลนติส" },
      { reason: "population", row: 6, column: "iitPopulation", value: "12.5" },
      { reason: "population", row: 6, column: "eitPopulation", value: "-3" },
      { reason: "duplicateCode", row: 7, column: "code", value: "A1", other: "2" },
      { reason: "email", row: 8, column: "adminEmail", value: "not-an-email" },
    ]);
  });

  it("skips blank lines but keeps counting them, so row numbers match the spreadsheet", () => {
    const { rows: read } = readRegisterRows([HEADER, [], ["", ""], ["B1", "บี", "", "กรม", "", "", "", "", ""]], PROVINCES);
    expect(read.map((row) => row.row)).toEqual([4]);
  });

  it("refuses an empty file, a header with no rows, and a file over the row cap", () => {
    expect(readRegisterRows([], PROVINCES).issues).toEqual([{ reason: "emptyFile" }]);
    expect(readRegisterRows([HEADER], PROVINCES).issues).toEqual([{ reason: "emptyFile" }]);
    const many = Array.from({ length: REGISTER_MAX_ROWS + 1 }, (_, i) => [`X${i}`, "x", "", "กรม", "", "", "", "", ""]);
    expect(readRegisterRows([HEADER, ...many], PROVINCES).issues[0].reason).toBe("tooManyRows");
  });

  it("tells an absent parent column (keep what is stored) from an empty parent cell (no parent)", () => {
    const withoutParent = readRegisterRows(
      [
        ["code", "name_th", "kind", "province"],
        ["A", "เอ", "กรม", ""],
      ],
      PROVINCES,
    );
    expect(withoutParent.rows[0].parentCode).toBeUndefined();
    expect(rows(["A", "เอ", "", "กรม", "", "", "", "", ""]).rows[0].parentCode).toBeNull();
  });
});

describe("the plan", () => {
  it("adds, changes, leaves unchanged and reports missing agencies", () => {
    const stored = [
      existing({ code: "M1", kind: "ministry" }),
      existing({ code: "D1", parentCode: "M1", nameTh: "กรมเก่า" }),
      existing({ code: "GONE" }),
      existing({ code: "OLD", active: false }),
    ];
    const { rows: read } = rows(
      ["M1", "ชื่อ M1", "Name M1", "กระทรวง", "", "", "", "", ""],
      ["D1", "กรมใหม่", "", "กรม", "", "M1", "", "", ""],
      ["D2", "กรมสอง", "", "กรม", "", "M1", "", "", ""],
    );
    const { plan, issues } = planRegisterImport(read, stored);
    expect(issues).toEqual([]);
    expect(planCounts(plan)).toEqual({ added: 1, changed: 1, unchanged: 1, missing: 1 });
    expect(plan.adds[0]).toMatchObject({ code: "D2", slug: "d2", nameEn: "กรมสอง", parentCode: "M1", depth: 0 });
    // An empty English name keeps the stored one: only the Thai name changed.
    expect(plan.changes).toEqual([
      {
        row: 3,
        id: "id-D1",
        code: "D1",
        changes: [{ field: "nameTh", from: "กรมเก่า", to: "กรมใหม่" }],
        set: { nameTh: "กรมใหม่", nameEn: "Name D1", kind: "department", provinceCode: null, parentCode: "M1" },
      },
    ]);
    expect(plan.missing).toEqual([{ id: "id-GONE", code: "GONE", nameTh: "ชื่อ GONE" }]);
  });

  it("reactivates a deactivated agency that is back in the file", () => {
    const { rows: read } = rows(["OLD", "ชื่อ OLD", "Name OLD", "กรม", "", "", "", "", ""]);
    const { plan } = planRegisterImport(read, [existing({ code: "OLD", active: false })]);
    expect(plan.changes[0].changes).toEqual([{ field: "active", from: "no", to: "yes" }]);
  });

  it("orders new agencies parents first (depth), whatever the file's order", () => {
    const { rows: read } = rows(
      ["C", "ซี", "", "กรม", "", "B", "", "", ""],
      ["B", "บี", "", "กรม", "", "A", "", "", ""],
      ["A", "เอ", "", "กระทรวง", "", "", "", "", ""],
    );
    const { plan } = planRegisterImport(read, []);
    expect(Object.fromEntries(plan.adds.map((add) => [add.code, add.depth]))).toEqual({ A: 0, B: 1, C: 2 });
  });

  it("refuses a parent that is neither in the file nor stored", () => {
    const { rows: read } = rows(["A", "เอ", "", "กรม", "", "NOPE", "", "", ""]);
    expect(planRegisterImport(read, []).issues).toEqual([{ reason: "unknownParent", row: 2, column: "parentCode", value: "NOPE" }]);
  });

  it("refuses loops: in the file, onto itself, and through a stored agency", () => {
    const inFile = rows(["A", "เอ", "", "กรม", "", "B", "", "", ""], ["B", "บี", "", "กรม", "", "A", "", "", ""], ["S", "เอส", "", "กรม", "", "S", "", "", ""]);
    expect(planRegisterImport(inFile.rows, []).issues).toEqual([
      { reason: "parentLoop", row: 2, column: "parentCode", value: "A", other: "A → B → A" },
      { reason: "parentLoop", row: 3, column: "parentCode", value: "B", other: "A → B → A" },
      { reason: "parentLoop", row: 4, column: "parentCode", value: "S", other: "S → S" },
    ]);
    // Stored: Y's parent is X. The file makes X's parent Y.
    const through = rows(["X", "เอ็กซ์", "", "กรม", "", "Y", "", "", ""]);
    const issues = planRegisterImport(through.rows, [existing({ code: "X" }), existing({ code: "Y", parentCode: "X" })]).issues;
    expect(issues).toEqual([{ reason: "parentLoop", row: 2, column: "parentCode", value: "X", other: "X → Y → X" }]);
  });

  it("re-planning what is stored changes nothing", () => {
    const stored = [existing({ code: "M", kind: "ministry" }), existing({ code: "D", parentCode: "M", provinceCode: "47", kind: "local_sao" })];
    const { rows: read } = rows(["M", "ชื่อ M", "Name M", "ministry", "", "", "", "", ""], ["D", "ชื่อ D", "Name D", "local_sao", "47", "M", "", "", ""]);
    const { plan } = planRegisterImport(read, stored);
    expect(planCounts(plan)).toEqual({ added: 0, changed: 0, unchanged: 2, missing: 0 });
  });
});

describe("slugs", () => {
  it("are the code lower-cased and URL-safe, made unique with a suffix", () => {
    expect(deriveSlug("MOI-01", new Set())).toBe("moi-01");
    expect(deriveSlug("5470101", new Set())).toBe("5470101");
    expect(deriveSlug("A/B 1", new Set())).toBe("a-b-1");
    expect(deriveSlug("กรม", new Set())).toBe("agency");
    expect(deriveSlug("x", new Set(["x", "x-2"]))).toBe("x-3");
  });
});
