// UI messages for running it for real (health checks, bootstrap, the audit log). A file per feature keeps the catalogue
// (app/utils/i18n.server.ts spreads them in) readable; keys are "<feature>.<what>".
import type { Bilingual } from "~/utils/i18n";

export const operationsMessages = {
  "operations.audit.title": { th: "บันทึกการตรวจสอบ (Audit log)", en: "Audit log" },
  "operations.audit.explain": {
    th: "ใครทำอะไร กับอะไร เมื่อไร และผลเป็นอย่างไร (เวลาประเทศไทย) บันทึกนี้ไม่มีข้อมูลผู้ตอบแบบสำรวจ เก็บไว้ {days} วัน",
    en: "Who did what to what, when, and with what outcome (Bangkok time). It holds no respondent data and is kept {days} days.",
  },
  "operations.audit.actor": { th: "ผู้กระทำ (ชื่อหรืออีเมล)", en: "Actor (name or e-mail)" },
  "operations.audit.action": { th: "การกระทำ (หรือขึ้นต้นด้วย)", en: "Action (or its start)" },
  "operations.audit.from": { th: "ตั้งแต่วันที่", en: "From" },
  "operations.audit.to": { th: "ถึงวันที่", en: "To" },
  "operations.audit.apply": { th: "กรอง", en: "Filter" },
  "operations.audit.clear": { th: "ล้างตัวกรอง", en: "Clear filters" },
  "operations.audit.badRange": { th: "วันที่เริ่มต้องไม่อยู่หลังวันที่สิ้นสุด", en: "The start date must not be after the end date" },
  "operations.audit.none": { th: "ไม่มีรายการที่ตรงกับตัวกรอง", en: "No entries match the filters" },
  "operations.audit.col.at": { th: "เวลา", en: "Time" },
  "operations.audit.col.actor": { th: "ผู้กระทำ", en: "Actor" },
  "operations.audit.col.action": { th: "การกระทำ", en: "Action" },
  "operations.audit.col.outcome": { th: "ผล", en: "Outcome" },
  "operations.audit.col.agency": { th: "หน่วยงาน", en: "Agency" },
  "operations.audit.col.target": { th: "สิ่งที่ถูกกระทำ", en: "Target" },
  "operations.audit.col.detail": { th: "รายละเอียด", en: "Detail" },
  "operations.audit.system": { th: "ระบบ / ไม่ระบุตัว", en: "System / unidentified" },
  "operations.audit.unknownUser": { th: "ผู้ใช้ที่ถูกลบ", en: "Deleted user" },
  "operations.audit.newest": { th: "ล่าสุด", en: "Newest" },
  "operations.audit.newer": { th: "ใหม่กว่า", en: "Newer" },
  "operations.audit.older": { th: "เก่ากว่า", en: "Older" },
  "operations.audit.csv": { th: "ดาวน์โหลด CSV (ตามตัวกรอง)", en: "Download CSV (as filtered)" },
  "operations.audit.csvNote": {
    th: "ไฟล์ UTF-8 เปิดด้วย Excel ได้ สูงสุด {rows} แถวต่อไฟล์ — หากมากกว่านั้นให้แบ่งช่วงวันที่",
    en: "UTF-8, opens in Excel; at most {rows} rows per file — narrow the dates for more",
  },
  "operations.audit.csvTruncated": { th: "ตัดที่ {rows} แถว: แบ่งช่วงวันที่เพื่อดาวน์โหลดส่วนที่เหลือ", en: "cut at {rows} rows: narrow the dates for the rest" },
} satisfies Record<string, Bilingual>;
