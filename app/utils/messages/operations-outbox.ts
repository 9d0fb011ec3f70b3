// UI messages of /admin/operations: the outbox of SMS and e-mail (docs/decisions/018). Spread into
// the catalogue by app/utils/i18n.ts; keys are "operations.outbox.<what>".
import type { Bilingual } from "~/utils/i18n";

export const operationsOutboxMessages = {
  "admin.nav.operations": { th: "การทำงานของระบบ", en: "Operations" },
  "operations.title": { th: "การทำงานของระบบ", en: "Operations" },
  "operations.outbox.title": { th: "คิวข้อความ SMS และอีเมล (outbox)", en: "SMS and e-mail outbox" },
  "operations.outbox.explain": {
    th: "รหัส OTP คำเชิญ และลิงก์ตั้งรหัสผ่านทุกฉบับถูกบันทึกลงคิวพร้อมกับรายการที่ต้องใช้ แล้วส่งโดยเซิร์ฟเวอร์เครื่องใดก็ได้ทีละฉบับ ส่งไม่สำเร็จจะลองใหม่โดยเว้นระยะนานขึ้นเรื่อย ๆ รหัส OTP ที่ส่งไม่ทันเวลาใช้งานจะหมดอายุแทนการส่งช้า หน้านี้ไม่แสดงเบอร์โทรศัพท์ อีเมล หรือข้อความ",
    en: "Every OTP, invitation and password link is queued together with what needs it, then sent by any server, one at a time. Failed tries are retried with a growing wait; an OTP that cannot be sent within its validity expires instead of arriving late. This page shows no phone number, address or text.",
  },
  "operations.outbox.state": { th: "สถานะ", en: "State" },
  "operations.outbox.count": { th: "จำนวน", en: "Messages" },
  "operations.outbox.state.pending": { th: "รอส่ง", en: "Waiting" },
  "operations.outbox.state.sent": { th: "ส่งแล้ว", en: "Sent" },
  "operations.outbox.state.failed": { th: "ส่งไม่สำเร็จ (เลิกลองแล้ว)", en: "Failed (given up)" },
  "operations.outbox.state.expired": { th: "หมดอายุก่อนส่งได้", en: "Expired before it could be sent" },
  "operations.outbox.inFlight": { th: "กำลังส่งอยู่ตอนนี้: {count}", en: "Being sent now: {count}" },
  "operations.outbox.oldest": { th: "ข้อความที่รอนานที่สุดรอมาแล้ว {seconds} วินาที", en: "The oldest waiting message has waited {seconds} s" },
  "operations.outbox.noneWaiting": { th: "ไม่มีข้อความรอส่ง", en: "Nothing is waiting" },
  "operations.outbox.kept": {
    th: "ข้อความที่ส่งแล้ว ไม่สำเร็จ หรือหมดอายุ จะถูกลบหลัง {days} วัน (ผู้รับและเนื้อความถูกลบทันทีที่จบ)",
    en: "Sent, failed and expired messages are deleted after {days} days (their recipient and text as soon as they finish).",
  },
  "operations.outbox.errors": { th: "ข้อผิดพลาดล่าสุด", en: "Latest errors" },
  "operations.outbox.noErrors": { th: "ไม่มีข้อผิดพลาด", en: "No errors" },
  "operations.outbox.col.at": { th: "เวลา", en: "Time" },
  "operations.outbox.col.message": { th: "ข้อความ", en: "Message" },
  "operations.outbox.col.tries": { th: "ครั้งที่ลอง", en: "Tries" },
  "operations.outbox.col.error": { th: "สาเหตุ", en: "Reason" },
  "operations.outbox.purpose.otp": { th: "รหัส OTP", en: "OTP" },
  "operations.outbox.purpose.invitation": { th: "คำเชิญ", en: "Invitation" },
  "operations.outbox.purpose.password-reset": { th: "ลิงก์ตั้งรหัสผ่านใหม่", en: "Password reset" },
  "operations.outbox.purpose.reminder": { th: "การแจ้งเตือน", en: "Reminder" },
  "operations.outbox.channel.sms": { th: "SMS", en: "SMS" },
  "operations.outbox.channel.email": { th: "อีเมล", en: "E-mail" },
} satisfies Record<string, Bilingual>;
