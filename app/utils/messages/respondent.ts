// UI messages of the respondent pages' timing, titles and error wording (issue 20 §3, decision 025).
// Spread into i18n.server.ts. One language per message: a page never says the same thing twice in two
// languages, and a question is named as the respondent sees it (its number and the start of its
// text), never by an internal code.
import type { Bilingual } from "~/utils/i18n";

export const respondentMessages = {
  // <title>: "<step> — <survey> — ITA", prefixed on an error state (WCAG 2.4.2, 3.3.1).
  "page.title": { th: "{step} — {survey} — ITA", en: "{step} — {survey} — ITA" },
  "page.title.error": { th: "ข้อผิดพลาด: ", en: "Error: " },
  "page.step.code": { th: "กรอกรหัสของหน่วยงาน", en: "Enter your agency's code" },
  "page.step.contact": { th: "กรอกหมายเลขโทรศัพท์", en: "Enter your phone number" },
  "page.step.verify": { th: "กรอกรหัส OTP", en: "Enter the code" },
  "page.step.eligibility": { th: "ก่อนเริ่มตอบ", en: "Before you start" },
  "page.step.items": { th: "ตอบคำถาม", en: "The questions" },
  "page.step.expired": { th: "หมดเวลา คำตอบของท่านยังอยู่", en: "Time ran out — your answers are kept" },
  "page.step.thanks": { th: "ขอบคุณ", en: "Thank you" },
  "page.step.closed": { th: "ปิดรับแบบวัด", en: "Survey closed" },
  "page.survey.iit": { th: "แบบวัด IIT", en: "IIT survey" },
  "page.survey.eit": { th: "แบบวัด EIT", en: "EIT survey" },

  // Timing (WCAG 2.2.1): stated on every step, warned before it runs out, extendable.
  "timing.limit.iit": {
    th: "ท่านมีเวลา {minutes} นาทีในแต่ละหน้า (หน้านี้ถึงเวลา {time} น.) เวลาจะต่อให้ใหม่ทุกครั้งที่ไปหน้าถัดไป รวมไม่เกิน {max} ชั่วโมง ระบบจะเตือนก่อนหมดเวลา ถ้าหมดเวลา คำตอบยังอยู่ในหน้านี้ ขอเพียงกรอกรหัสของหน่วยงานอีกครั้ง",
    en: "You have {minutes} minutes on each page (this one until {time}). The time starts again on every next page, up to {max} hours in all, and you are warned before it runs out. If it does run out, your answers stay on this page: you only enter your agency's code again.",
  },
  "timing.limit.eit": {
    th: "ท่านมีเวลา {minutes} นาทีในแต่ละหน้า (หน้านี้ถึงเวลา {time} น.) เวลาจะต่อให้ใหม่ทุกครั้งที่ไปหน้าถัดไป รวมไม่เกิน {max} ชั่วโมง ระบบจะเตือนก่อนหมดเวลา ถ้าหมดเวลา คำตอบยังอยู่ในหน้านี้ ขอเพียงยืนยันรหัส OTP ใหม่",
    en: "You have {minutes} minutes on each page (this one until {time}). The time starts again on every next page, up to {max} hours in all, and you are warned before it runs out. If it does run out, your answers stay on this page: you only confirm a new one-time code.",
  },
  "timing.warn": {
    th: "เวลาตอบของหน้านี้ใกล้หมดแล้ว (ถึงเวลา {time} น.) ต้องการเวลาเพิ่มหรือไม่",
    en: "Time on this page is nearly up (until {time}). Do you need more time?",
  },
  "timing.extend": { th: "ขอเวลาเพิ่ม", en: "More time" },
  "timing.extended": { th: "ต่อเวลาแล้ว ถึงเวลา {time} น.", en: "Done: you now have until {time}." },
  "timing.atMaximum": {
    th: "ต่อเวลาไม่ได้อีกแล้ว (ครบ {max} ชั่วโมง) ถ้าหมดเวลา คำตอบยังอยู่ในหน้านี้",
    en: "No more time can be added ({max} hours in all). If time runs out, your answers stay on this page.",
  },
  "timing.gone": {
    th: "หมดเวลาแล้ว แต่คำตอบยังอยู่ในหน้านี้ กดส่งคำตอบได้ตามปกติ ระบบจะขอให้ยืนยันตัวอีกครั้ง",
    en: "Time is up, but your answers are still on this page. Submit as usual: you will be asked to confirm again.",
  },

  // A submit after expiry: the answers are kept in the page, only the code or OTP is asked again.
  "expired.title": { th: "หมดเวลา คำตอบของท่านยังอยู่", en: "Time ran out — your answers are kept" },
  "expired.body.iit": {
    th: "ระบบยังไม่ได้บันทึกคำตอบ เพราะหมดเวลาก่อนกดส่ง คำตอบที่ท่านเลือกไว้ยังอยู่ด้านล่าง กรอกรหัสของหน่วยงานอีกครั้ง แล้วกดส่งคำตอบ",
    en: "Your answers were not saved because time ran out before you submitted. They are still below: enter your agency's code again, then submit.",
  },
  "expired.body.eit": {
    th: "ระบบยังไม่ได้บันทึกคำตอบ เพราะหมดเวลาก่อนกดส่ง คำตอบที่ท่านเลือกไว้ยังอยู่ด้านล่าง ขอรหัส OTP ใหม่ทางโทรศัพท์ กรอกรหัส แล้วกดส่งคำตอบ",
    en: "Your answers were not saved because time ran out before you submitted. They are still below: get a new one-time code, enter it, then submit.",
  },
  "expired.sent": {
    th: "ส่งรหัส OTP ใหม่แล้ว กรอกรหัสแล้วกดส่งคำตอบ (คำตอบยังอยู่ด้านล่าง)",
    en: "A new code has been sent. Enter it and submit (your answers are still below).",
  },
  "expired.answered": { th: "คำตอบที่เก็บไว้: {count} ข้อ", en: "Answers kept: {count}" },
  "expired.verify": { th: "ยืนยันตัวอีกครั้ง", en: "Confirm it is you again" },
  "expired.submit": { th: "ยืนยันและส่งคำตอบ", en: "Confirm and submit" },
  "expired.restart": {
    th: "หากต้องการเริ่มใหม่ทั้งหมด",
    en: "To start again from the beginning",
  },
  "expired.screening": {
    th: "คำตอบคัดกรองจากหน้าก่อนเริ่มตอบไม่ครบ กรุณาเริ่มใหม่",
    en: 'The answers from the "before you start" page are missing — please start again.',
  },
  "survey.sessionGone.eit": {
    th: "หมดเวลาการตอบ ({minutes} นาทีโดยไม่มีการใช้งาน) ระบบไม่ได้บันทึกอะไรไว้ กรุณาขอรหัส OTP ใหม่เพื่อเริ่มอีกครั้ง",
    en: "Your time ran out ({minutes} minutes without activity) and nothing was saved. Please ask for a new code to start again.",
  },
  "survey.sessionGone.iit": {
    th: "หมดเวลาการตอบ ({minutes} นาทีโดยไม่มีการใช้งาน) ระบบไม่ได้บันทึกอะไรไว้ กรุณากรอกรหัสของหน่วยงานเพื่อเริ่มอีกครั้ง",
    en: "Your time ran out ({minutes} minutes without activity) and nothing was saved. Please enter your agency's code to start again.",
  },
  "eit.verify.gone": {
    th: "รหัส OTP หมดอายุแล้ว (10 นาที) กรุณาขอรหัสใหม่",
    en: "The one-time code has expired (10 minutes). Please ask for a new one.",
  },

  // Error wording (WCAG 3.3.1): the question as the respondent sees it.
  "answer.missing": { th: "ข้อ {label} “{stem}” ยังไม่ได้ตอบ", en: "Question {label} “{stem}” is not answered" },
  "answer.missingPart": { th: "ข้อ {label} “{stem}” — {part}: ยังไม่ได้ตอบ", en: "Question {label} “{stem}” — {part}: not answered" },
  "answer.invalid": { th: "ข้อ {label} “{stem}”: ตัวเลือกไม่ถูกต้อง กรุณาเลือกใหม่", en: "Question {label} “{stem}”: not a valid choice, please choose again" },
  "answer.invalidPart": {
    th: "ข้อ {label} “{stem}” — {part}: ตัวเลือกไม่ถูกต้อง กรุณาเลือกใหม่",
    en: "Question {label} “{stem}” — {part}: not a valid choice, please choose again",
  },
  "answer.unknown": { th: "แบบฟอร์มมีข้อมูลที่ไม่รู้จัก กรุณาโหลดหน้านี้ใหม่", en: "The form held something unexpected — please reload the page" },
  "screening.missing": { th: "ยังไม่ได้ตอบ “{question}”", en: "“{question}” is not answered" },
  "screening.invalid": { th: "คำตอบของ “{question}” ไม่ถูกต้อง", en: "Not a valid answer to “{question}”" },
  "errors.unanswered": { th: "ยังไม่ได้ตอบ {count} ข้อ", en: "{count} questions are not answered" },
  "errors.more": { th: "และอีก {count} ข้อด้านล่าง", en: "and {count} more below" },
} satisfies Record<string, Bilingual>;
