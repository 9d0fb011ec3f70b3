import { describe, expect, it } from "vitest";
import { bothLangs, localName, translator } from "~/utils/i18n";

describe("i18n helpers", () => {
  it("localName picks the name of the language", () => {
    const agency = { nameTh: "กรมตัวอย่าง", nameEn: "Example Department" };
    expect(localName(agency, "th")).toBe("กรมตัวอย่าง");
    expect(localName(agency, "en")).toBe("Example Department");
  });

  it("bothLangs says a refusal in Thai first, English second, as the inline literals did", () => {
    expect(bothLangs("refuse.agencyNotFound")).toBe("ไม่พบหน่วยงาน / Agency not found");
    expect(bothLangs("field.unknown", { key: "i99" })).toBe("ไม่รู้จักข้อ i99 / Unknown field i99");
    expect(bothLangs("meta.title")).toBe("ITA — ระบบเก็บแบบสำรวจ / survey collection");
  });

  it("translator is translate for one language", () => {
    expect(translator("en")("error.404")).toBe("Page not found");
    expect(translator("th")("error.404")).toBe("ไม่พบหน้าที่ต้องการ");
  });
});
