// UI messages for fiscal years (cycles, windows, rulesets, the year switcher). A file per feature keeps the catalogue
// (app/utils/i18n.server.ts spreads them in) readable; keys are "<feature>.<what>".
import type { Bilingual } from "~/utils/i18n";

export const fiscalYearMessages = {
  // refusals (CLI and pages)
  "years.error.year": { th: "ปีงบประมาณต้องเป็นปี พ.ศ. 2500–2700", en: "the fiscal year must be a Buddhist-era year, 2500–2700" },
  "years.error.yearExists": { th: "ปีงบประมาณ {year} มีรอบการประเมินอยู่แล้ว", en: "fiscal year {year} already has a cycle" },
  "years.error.forgetWhileEitOpen": {
    th: "ลบข้อมูลติดต่อของปี {year} ยังไม่ได้: แบบ EIT ส่วนที่ 1 ยังไม่ปิด (เครื่องหมายคือสิ่งที่ทำให้หนึ่งหมายเลขตอบได้ครั้งเดียว)",
    en: "cannot forget the contacts of {year} yet: EIT part 1 has not closed (the markers are what keep one answer per number)",
  },
  "years.error.noCycle": { th: "ไม่มีรอบการประเมินปีงบประมาณ {year}", en: "there is no cycle for fiscal year {year}" },
  "years.error.noRulesetSource": { th: "ไม่มีชุดเกณฑ์ของปีงบประมาณ {year} ให้คัดลอก", en: "there is no ruleset of fiscal year {year} to copy" },
  "years.error.rulesetSource": {
    th: "ต้องเลือกอย่างใดอย่างหนึ่ง: คัดลอกชุดเกณฑ์จากปีก่อน หรือนำเข้าไฟล์ JSON",
    en: "give exactly one of: a year to copy the ruleset from, or a JSON ruleset file",
  },
  "years.error.populationsFrom": {
    th: "ไม่มีรอบการประเมินปีงบประมาณ {year} ให้ยกจำนวนประชากรมา",
    en: "there is no cycle of fiscal year {year} to carry populations from",
  },
  "years.error.windowFormat": { th: "{window}: ต้องเป็น YYYY-MM-DD..YYYY-MM-DD (วันเปิด..วันปิด)", en: "{window}: must be OPEN..CLOSE as YYYY-MM-DD..YYYY-MM-DD" },
  "years.error.windowDate": { th: "{window}: ไม่มีวันที่นี้ในปฏิทิน ({value})", en: "{window}: not a calendar date ({value})" },
  "years.error.closeBeforeOpen": { th: "{window}: วันปิดอยู่ก่อนวันเปิด", en: "{window}: closes before it opens" },
  "years.error.oitEndsBeforeSurveys": {
    th: "OIT: ต้องปิดไม่ก่อนช่วงเวลาของ IIT และ EIT (ผู้ประเมินให้คะแนน OIT ต่อหลังแบบสำรวจปิด)",
    en: "OIT: must not close before the IIT and EIT windows (the assessor scores the OIT after the surveys close)",
  },
  "years.error.closedMovedLater": {
    th: "{window}: ช่วงเวลานี้ปิดแล้ว (ตัวเลขสุดท้ายแสดงไปแล้ว) จึงเลื่อนวันปิดให้ช้าลงหรือเปิดใหม่ไม่ได้",
    en: "{window}: this window has closed (its final figures are out), so it may not be moved later or reopened",
  },
  "years.error.rulesetJson": { th: "อ่านไฟล์ JSON ไม่ได้: {detail}", en: "cannot read the JSON file: {detail}" },
  "years.error.rulesetInvalid": { th: "ชุดเกณฑ์ไม่ถูกต้อง: {errors}", en: "invalid ruleset: {errors}" },
  "years.error.hasResponses": {
    th: "รอบปี {year} มีผู้ตอบแล้ว {responses} ราย จึงเปลี่ยนชุดเกณฑ์ไม่ได้",
    en: "the {year} cycle already has {responses} responses: its ruleset can no longer change",
  },
  "years.error.readOnly": {
    th: "ปีงบประมาณ {year} เป็นปีที่ผ่านมา ดูได้อย่างเดียว เปลี่ยนไปปีปัจจุบัน ({current}) เพื่อแก้ไข",
    en: "fiscal year {year} is a past year, read-only: switch to the current year ({current}) to make changes",
  },

  // the year switcher (admin layout)
  "years.switch.label": { th: "ปีงบประมาณ", en: "Fiscal year" },
  "years.switch.go": { th: "เปลี่ยนปี", en: "Switch" },
  "years.switch.current": { th: "{year} (ปัจจุบัน)", en: "{year} (current)" },
  "years.switch.pastBanner": {
    th: "กำลังดูปีงบประมาณ {year} ซึ่งเป็นปีที่ผ่านมา ดูได้อย่างเดียว",
    en: "You are viewing fiscal year {year}, a past year: read-only",
  },

  // /admin/cycles
  "years.title": { th: "รอบการประเมิน (ปีงบประมาณ)", en: "Assessment cycles (fiscal years)" },
  "years.new": { th: "เปิดปีงบประมาณใหม่", en: "Open a new fiscal year" },
  "years.col.year": { th: "ปีงบประมาณ", en: "Fiscal year" },
  "years.col.rules": { th: "ชุดเกณฑ์", en: "Rules version" },
  "years.col.windows": { th: "ช่วงเวลา", en: "Windows" },
  "years.col.state": { th: "สถานะวันนี้", en: "State today" },
  "years.col.agencies": { th: "หน่วยงานที่ลงทะเบียน", en: "Agencies registered" },
  "years.col.responses": { th: "ผู้ตอบ", en: "Responses" },
  "years.state.preparing": { th: "เตรียมการ (ยังไม่เปิดรับ)", en: "preparing (not open yet)" },
  "years.state.collecting": { th: "กำลังเก็บข้อมูล", en: "collecting" },
  "years.state.closed": { th: "ปิดแล้ว", en: "closed" },
  "years.state.current": { th: "รอบปัจจุบัน", en: "current" },
  "years.editWindows": { th: "แก้ไขช่วงเวลา", en: "Edit windows" },
  "years.windows.hint": {
    th: "วันที่ตามเวลากรุงเทพฯ: เปิดตั้งแต่ 00:00 ของวันเปิด ปิดเมื่อสิ้นวันปิด",
    en: "Bangkok days: opens at 00:00 on the first day, closes at the end of the last day",
  },
  "years.field.year": { th: "ปีงบประมาณ (พ.ศ.)", en: "Fiscal year (B.E.)" },
  "years.field.copyFrom": { th: "คัดลอกชุดเกณฑ์จากปี", en: "Copy the ruleset from year" },
  "years.field.rulesetFile": { th: "หรือวางชุดเกณฑ์ JSON", en: "or paste a JSON ruleset" },
  "years.field.populationsFrom": { th: "ยกจำนวนประชากรจากปี (ไม่บังคับ)", en: "Carry populations from year (optional)" },
  "years.field.none": { th: "— ไม่ยกมา —", en: "— none —" },
  "years.field.open": { th: "วันเปิด", en: "Opens" },
  "years.field.close": { th: "วันปิด (วันสุดท้าย)", en: "Closes (last day)" },
  "years.preview": { th: "ดูช่วงเวลาตั้งต้นของปีนี้", en: "Show this year's default windows" },
  "years.create": { th: "สร้างรอบการประเมิน", en: "Create the cycle" },
  "years.save": { th: "บันทึกช่วงเวลา", en: "Save the windows" },
  "years.created": { th: "สร้างรอบปี {year} แล้ว ลงทะเบียน {registered} หน่วยงาน", en: "Created the {year} cycle; {registered} agencies registered" },
  "years.saved": { th: "บันทึกช่วงเวลาแล้ว", en: "Windows saved" },
  "years.invalid": { th: "กรุณาตรวจสอบข้อมูลที่ระบุ", en: "Please check the values entered" },

  // respondent: no cycle open
  "years.closed.title": { th: "ขณะนี้ปิดรับการประเมิน", en: "This assessment is closed" },
  "years.closed.body": {
    th: "ยังไม่มีรอบการประเมินที่เปิดรับคำตอบในขณะนี้ ขอบคุณที่สนใจ",
    en: "No assessment is collecting answers at the moment. Thank you for your interest.",
  },

  // results: year on year
  "years.yoy.title": { th: "เทียบกับปีก่อน ({year})", en: "Compared with the previous year ({year})" },
  "years.yoy.previous": { th: "ปี {year}", en: "{year}" },
  "years.yoy.change": { th: "เปลี่ยนแปลง", en: "Change" },
  "years.yoy.none": { th: "ไม่มีข้อมูลปีก่อน", en: "No figures for the previous year" },
  "years.yoy.hidden": { th: "—", en: "—" },
} satisfies Record<string, Bilingual>;
