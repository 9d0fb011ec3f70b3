// Thai first, English second. UI strings live here (isomorphic); instrument wording lives in the
// ruleset data (app/domain/rulesets), never here.
export const LANGS = ["th", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "th";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** A bilingual text, as used in the ruleset data and in messages. */
export type Bilingual = { th: string; en: string };

export function pick(text: Bilingual, lang: Lang): string {
  return text[lang] || text.th;
}

const messages = {
  "app.name": { th: "ระบบเก็บแบบสำรวจ ITA", en: "ITA survey collection" },
  "app.tagline": {
    th: "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
    en: "Integrity and Transparency Assessment of public agencies (ITA)",
  },
  "lang.switch": { th: "English", en: "ภาษาไทย" },
  "lang.switch.label": { th: "เปลี่ยนภาษา", en: "Change language" },
  "home.intro": {
    th: "หน่วยงานภาครัฐทุกแห่งเก็บแบบวัดการรับรู้ปีละสองชุด เพื่อการประเมิน ITA ของสำนักงาน ป.ป.ช. คำตอบของท่านไม่สามารถย้อนกลับไปหาตัวท่านได้",
    en: "Every public agency collects two perception surveys a year for the NACC's ITA. Your answers cannot be traced back to you.",
  },
  "home.iit.title": { th: "บุคลากรภายในหน่วยงาน (IIT)", en: "Agency staff (IIT)" },
  "home.iit.body": {
    th: "สำหรับเจ้าหน้าที่ที่ปฏิบัติงานในหน่วยงานมาแล้วอย่างน้อย 1 ปี ใช้รหัสที่หน่วยงานแจ้ง",
    en: "For staff who have worked at the agency for at least one year, with the code your agency gave you.",
  },
  "home.iit.cta": { th: "ตอบแบบวัด IIT", en: "Answer the IIT" },
  "home.eit.title": { th: "ผู้รับบริการ / ผู้มาติดต่อ (EIT)", en: "Service users (EIT)" },
  "home.eit.body": {
    th: "สแกนคิวอาร์โค้ดที่จุดบริการของหน่วยงาน แล้วยืนยันด้วยรหัส OTP ทางโทรศัพท์มือถือ",
    en: "Scan the QR code at the agency's service counter, then confirm with a one-time code sent to your phone.",
  },
  "home.eit.find": { th: "ค้นหาหน่วยงาน", en: "Find an agency" },
  "home.admin.title": { th: "สำหรับเจ้าหน้าที่ผู้ดูแล", en: "For administrators" },
  "home.admin.body": {
    th: "ผู้ดูแลหน่วยงาน ผู้ประสานงานจังหวัด และผู้ประเมิน ติดตามจำนวนผู้ตอบเทียบกับกลุ่มตัวอย่างขั้นต่ำ",
    en: "Agency admins, provincial coordinators and assessors follow responses against the minimum samples.",
  },
  "home.admin.cta": { th: "เข้าสู่ระบบผู้ดูแล", en: "Admin sign-in" },
  "home.cycle": { th: "รอบการประเมินปีงบประมาณ พ.ศ. {year}", en: "Assessment cycle, fiscal year {year} (B.E.)" },
  "home.cycle.none": { th: "ยังไม่มีรอบการประเมินที่เปิดอยู่", en: "No assessment cycle is open yet" },
  "home.weights": { th: "น้ำหนักคะแนน", en: "Score weights" },
  "home.provisional": {
    th: "ถ้อยคำคำถามเป็นฉบับชั่วคราว ผู้ประเมินจะนำเข้าถ้อยคำทางการก่อนเปิดรอบ",
    en: "Question wording is provisional; the assessor imports the official wording before a cycle opens.",
  },
  "error.400": { th: "ข้อมูลที่ส่งมาไม่ถูกต้อง", en: "The request was not valid" },
  "error.403": { th: "ท่านไม่มีสิทธิ์เข้าถึงหน้านี้", en: "You are not allowed to see this page" },
  "error.404": { th: "ไม่พบหน้าที่ต้องการ", en: "Page not found" },
  "error.413": { th: "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป", en: "The request is too large" },
  "error.429": { th: "มีการส่งคำขอมากเกินไป กรุณารอสักครู่แล้วลองใหม่", en: "Too many requests — please wait a moment and try again" },
  "error.503": {
    th: "ระบบยังไม่ได้บันทึกข้อมูล กรุณาลองใหม่อีกครั้ง",
    en: "Nothing was saved — please try again",
  },
  "error.500": { th: "เกิดข้อผิดพลาดในระบบ", en: "Something went wrong" },
  "error.home": { th: "กลับหน้าแรก", en: "Back to the home page" },
} satisfies Record<string, Bilingual>;

export type MessageKey = keyof typeof messages;

export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return pick(messages[key], lang).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
