// Messages of the shortfall reminders (issue 20 §2): the e-mail (Thai first, English after it, as
// the invitations are written) and the opt-out on /admin/account. Spread into app/utils/i18n.server.ts.
import type { Bilingual } from "~/utils/i18n";

export const reminderMessages = {
  // ───── the e-mail ─────
  "reminders.mail.subject": { th: "ITA: แจ้งเตือนจำนวนผู้ตอบที่อาจไม่ถึงขั้นต่ำ", en: "ITA: responses that may miss the minimum sample" },
  "reminders.mail.greeting": { th: "เรียน {name}", en: "Dear {name}," },
  "reminders.mail.intro": {
    th: "ระบบคาดการณ์จากจำนวนผู้ตอบล่าสุดว่ารายการต่อไปนี้อาจไม่ถึงกลุ่มตัวอย่างขั้นต่ำก่อนปิดรับ (ปีงบประมาณ พ.ศ. {year})",
    en: "At the recent pace, the forecast says the following may miss its minimum sample before the window closes (fiscal year {year} B.E.)",
  },
  "reminders.mail.lastWeek": {
    th: "เหลือไม่ถึง 7 วันก่อนปิดรับ: ระบบจะแจ้งเตือนทุกวันจนกว่าจะถึงขั้นต่ำหรือปิดรับ",
    en: "Less than 7 days before the window closes: you will be reminded daily until the minimum is reached or the window closes",
  },
  "reminders.mail.agency": { th: "หน่วยงาน: {agency}", en: "Agency: {agency}" },
  "reminders.mail.notRegistered": {
    th: "ยังไม่ได้ลงทะเบียนเข้าร่วมรอบการประเมินนี้ (เหลือ {days} วันก่อนปิดรับ): กรุณาติดต่อผู้ประสานงานจังหวัดหรือผู้ดูแลระบบ",
    en: "Not registered for this cycle ({days} days before the window closes): please contact your provincial coordinator or the system administrator",
  },
  "reminders.mail.noPopulation": {
    th: "ยังไม่ได้กรอกจำนวนประชากรของ {instruments} จึงคำนวณขั้นต่ำไม่ได้ (เหลือ {days} วันก่อนปิดรับ)",
    en: "No population entered for {instruments}, so the minimum cannot be computed ({days} days before the window closes)",
  },
  "reminders.mail.atRisk": {
    th: "{instrument}: ต้องการผู้ตอบอีก {needed} คน (ตอบแล้ว {responses} จากขั้นต่ำ {minimum}) เหลือ {days} วัน",
    en: "{instrument}: {needed} more responses needed ({responses} of the minimum {minimum}), {days} days left",
  },
  "reminders.mail.agencyLink": { th: "หน้าหน่วยงาน (โปสเตอร์ คิวอาร์โค้ด และรหัส IIT): {link}", en: "The agency page (posters, QR codes, the IIT code): {link}" },
  "reminders.mail.province": { th: "จังหวัด{province}", en: "Province: {province}" },
  "reminders.mail.counts": {
    th: "หน่วยงานที่อาจไม่ถึงขั้นต่ำ {atRisk} แห่ง · ยังไม่ลงทะเบียน {notRegistered} แห่ง · ยังไม่กรอกจำนวนประชากร {noPopulation} แห่ง",
    en: "may miss a minimum: {atRisk} · not registered: {notRegistered} · no population entered: {noPopulation} (agencies)",
  },
  "reminders.mail.listed": { th: "แสดง {shown} จาก {total} แห่ง:", en: "{shown} of {total} agencies:" },
  "reminders.mail.line.notRegistered": { th: "ยังไม่ลงทะเบียน", en: "not registered" },
  "reminders.mail.line.noPopulation": { th: "ยังไม่กรอกจำนวนประชากร", en: "no population entered" },
  "reminders.mail.line.atRisk": { th: "{instrument} ขาดอีก {needed}", en: "{instrument} {needed} short" },
  "reminders.mail.overviewLink": { th: "ดูภาพรวม: {link}", en: "Overview: {link}" },
  "reminders.mail.national": { th: "ภาพรวมทั้งประเทศ", en: "The nation" },
  "reminders.mail.byProvince": { th: "รายจังหวัด (อาจไม่ถึงขั้นต่ำ / ไม่ลงทะเบียน / ไม่มีจำนวนประชากร):", en: "By province (may miss / not registered / no population):" },
  "reminders.mail.largest": { th: "หน่วยงานที่ต้องแก้ไขก่อน ({shown} จาก {total} แห่ง):", en: "Agencies to act on first ({shown} of {total}):" },
  "reminders.mail.central": { th: "ส่วนกลาง", en: "Central" },
  "reminders.mail.optOut": {
    th: "อีเมลนี้ส่งสัปดาห์ละครั้ง (ทุกวันในสัปดาห์สุดท้าย) ไม่มีข้อมูลของผู้ตอบ ปิดการแจ้งเตือนได้ที่ {link}",
    en: "Sent weekly (daily in a window's last week), with no respondent data. Turn these reminders off at {link}",
  },
  "reminders.instrument.iit": { th: "แบบวัด IIT", en: "IIT" },
  "reminders.instrument.eit1": { th: "แบบวัด EIT ส่วนที่ 1", en: "EIT part 1" },
  "reminders.instrument.eit2": { th: "แบบวัด EIT ส่วนที่ 2", en: "EIT part 2" },

  // ───── /admin/operations: the fleet job ─────
  "operations.jobs.name.reminders": { th: "อีเมลแจ้งเตือนจำนวนผู้ตอบ (ทุกวัน 08:00 น.)", en: "Shortfall reminders (daily, 08:00)" },

  // ───── /admin/account ─────
  "reminders.account.title": { th: "อีเมลแจ้งเตือนจำนวนผู้ตอบ", en: "Response reminders by e-mail" },
  "reminders.account.on": {
    th: "ท่านจะได้รับอีเมลสัปดาห์ละครั้ง (ทุกวันในสัปดาห์สุดท้ายก่อนปิดรับ) เมื่อหน่วยงานในความดูแลอาจเก็บแบบวัดไม่ถึงขั้นต่ำ",
    en: "You get an e-mail weekly (daily in the last week before a window closes) when an agency in your care may miss a minimum sample",
  },
  "reminders.account.off": { th: "ท่านปิดอีเมลแจ้งเตือนไว้", en: "You have turned these reminders off" },
  "reminders.account.turnOff": { th: "ปิดอีเมลแจ้งเตือน", en: "Turn reminders off" },
  "reminders.account.turnOn": { th: "เปิดอีเมลแจ้งเตือน", en: "Turn reminders on" },
  "reminders.account.turnedOff": { th: "ปิดอีเมลแจ้งเตือนแล้ว", en: "Reminders are off" },
  "reminders.account.turnedOn": { th: "เปิดอีเมลแจ้งเตือนแล้ว", en: "Reminders are on" },
} satisfies Record<string, Bilingual>;
