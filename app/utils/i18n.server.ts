// The full bilingual catalogue, server-only (decision 028): services, models, commands, loaders and
// actions translate in either language from here. The browser gets one language of it, the page's,
// in the root loader's data (pageMessages), never in a JavaScript chunk: the ".server" suffix makes
// the classic compiler replace this module with an empty one in the client build.
// Thai first, English second. Instrument wording lives in the ruleset data (app/domain/rulesets).
import { AGENCY_KINDS, type AgencyKindCode } from "~/domain/agency-kinds";
import { fillIn, pick, type Bilingual, type Lang, type Messages, type Vars } from "./i18n";
import { respondentMessages } from "./messages/respondent";
import { adminAccessMessages } from "./messages/admin-access";
import { fiscalYearMessages } from "./messages/fiscal-years";
import { operationsMessages } from "./messages/operations";
import { operationsOutboxMessages } from "./messages/operations-outbox";
import { peopleMessages } from "./messages/people";
import { publicMessages } from "./messages/public";
import { registerMessages } from "./messages/register";
import { reminderMessages } from "./messages/reminders";

const catalogue = {
  "app.name": { th: "ระบบเก็บแบบสำรวจ ITA", en: "ITA survey collection" },
  "app.tagline": {
    th: "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
    en: "Integrity and Transparency Assessment of public agencies (ITA)",
  },
  "lang.switch": { th: "English", en: "ภาษาไทย" },
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
  "survey.progress": { th: "ตอบแล้ว {done} จาก {total} ข้อ", en: "{done} of {total} answered" },
  "survey.indicator": { th: "ตัวชี้วัดที่ {code}", en: "Indicator {code}" },
  "survey.submit": { th: "ส่งคำตอบ", en: "Submit answers" },
  "survey.errors.title": { th: "กรุณาตรวจสอบคำตอบ", en: "Please check your answers" },
  "survey.errors.count": { th: "ยังมี {count} ข้อที่ต้องแก้ไข", en: "{count} answers need attention" },
  "survey.anonymous": {
    th: "ระบบไม่บันทึกชื่อ เบอร์โทรศัพท์ ที่อยู่ IP หรือเวลาที่ท่านตอบไว้กับคำตอบ จึงไม่มีใครย้อนกลับมาหาตัวท่านได้",
    en: "Your name, phone, IP address and the time you answered are never stored with your answers, so nobody can trace them back to you.",
  },
  "survey.provisional": {
    th: "ถ้อยคำคำถามเป็นฉบับชั่วคราวจนกว่าจะนำเข้าถ้อยคำทางการ",
    en: "Question wording is provisional until the official text is imported.",
  },
  "survey.notSaved": {
    th: "ระบบยังไม่ได้บันทึกคำตอบของท่าน กรุณากดส่งอีกครั้ง (คำตอบของท่านยังอยู่ในหน้านี้)",
    en: "Your answers were not saved — please press submit again (your answers are still on this page).",
  },
  "survey.instrumentChanged": {
    th: "แบบวัดมีการปรับปรุงระหว่างที่ท่านตอบ ระบบยังไม่ได้บันทึกคำตอบ กรุณาโหลดหน้านี้ใหม่ ตรวจคำตอบ แล้วกดส่งอีกครั้ง",
    en: "The questionnaire was updated while you were answering and your answers were not saved — please reload the page, check your answers and submit again.",
  },
  "survey.thanks.title": { th: "ขอบคุณที่ตอบแบบวัด", en: "Thank you for answering" },
  "survey.thanks.body": {
    th: "คำตอบของท่านถูกบันทึกแล้ว คำตอบไม่ผูกกับตัวท่าน ไม่มีชื่อ รหัส หรือเวลาที่ตอบ จึงไม่มีใครย้อนกลับมาหาตัวท่านได้ ผลจะแสดงเป็นค่าเฉลี่ยของผู้ตอบทั้งหมดเท่านั้น",
    en: "Your answers have been saved. They are not linked to you — no name, code or time is kept with them, so nobody can trace them back to you. Results are shown only as averages over all respondents.",
  },
  "iit.title": { th: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", en: "Internal Integrity and Transparency Assessment (IIT)" },
  "iit.code.label": { th: "รหัสของหน่วยงาน", en: "Your agency's code" },
  "iit.code.hint": {
    th: "รหัส 10 ตัวอักษรที่หน่วยงานแจ้ง เช่น ABCDE-12345 (พิมพ์เล็กหรือใหญ่ เว้นวรรคหรือไม่ก็ได้)",
    en: "The 10-character code from your agency, e.g. ABCDE-12345 (any case, spaces or dashes are fine)",
  },
  "iit.code.submit": { th: "เริ่มตอบแบบวัด", en: "Start" },
  "iit.code.required": { th: "กรุณากรอกรหัสของหน่วยงาน", en: "Please enter your agency's code" },
  "iit.code.invalid": {
    th: "รหัสไม่ถูกต้อง หรือไม่สามารถใช้งานได้แล้ว กรุณาตรวจสอบกับหน่วยงานของท่าน",
    en: "This code is not valid or can no longer be used. Please check with your agency.",
  },
  "iit.code.limited": {
    th: "กรอกรหัสไม่ถูกต้องหลายครั้งเกินไป กรุณารอ {minutes} นาทีแล้วลองใหม่",
    en: "Too many wrong codes. Please wait {minutes} minutes and try again.",
  },
  "iit.code.private": {
    th: "รหัสนี้ใช้ได้เฉพาะบุคลากรของหน่วยงาน กรุณาอย่าเผยแพร่ต่อบุคคลภายนอก",
    en: "This code is for the agency's staff only; please do not share it outside the agency.",
  },
  "iit.closed": { th: "ขณะนี้ปิดรับแบบวัด IIT แล้ว", en: "The IIT is not open at the moment." },
  "iit.closed.window": {
    th: "เปิดรับแบบวัด IIT ระหว่าง {opens} ถึง {closes}",
    en: "The IIT is open from {opens} to {closes}.",
  },
  "iit.closed.agency": {
    th: "หน่วยงานของท่านปิดรับแบบวัด IIT แล้ว หากมีข้อสงสัยกรุณาติดต่อผู้ดูแลหน่วยงาน",
    en: "Your agency has closed its IIT. Please contact your agency's ITA officer if this is unexpected.",
  },
  "iit.noPopulation": {
    th: "หน่วยงานยังไม่ได้ระบุจำนวนบุคลากร จึงยังไม่เปิดรับแบบวัด IIT กรุณาติดต่อผู้ดูแลหน่วยงาน",
    en: "Your agency has not declared its number of staff yet, so the IIT is not open. Please contact your agency's ITA officer.",
  },
  "iit.full": {
    th: "จำนวนผู้ตอบแบบวัด IIT ของหน่วยงานครบตามจำนวนบุคลากรที่หน่วยงานแจ้งไว้แล้ว ระบบจึงรับคำตอบเพิ่มไม่ได้ กรุณาติดต่อผู้ดูแลหน่วยงานของท่าน",
    en: "Your agency has already received as many IIT answers as the number of staff it declared, so no more can be accepted. Please contact your agency's ITA officer.",
  },
  "iit.agency": { th: "หน่วยงาน: {name}", en: "Agency: {name}" },
  "iit.agency.check": {
    th: "หากไม่ใช่หน่วยงานของท่าน แสดงว่ารหัสไม่ถูกต้อง กรุณากลับไปกรอกใหม่",
    en: "If this is not your agency, the code is wrong — please go back and enter it again.",
  },
  "iit.eligibility.title": { th: "ก่อนเริ่มตอบ", en: "Before you start" },
  "iit.eligibility.continue": { th: "ถัดไป", en: "Next" },
  "iit.answeredHere": {
    th: "เบราว์เซอร์นี้เคยส่งคำตอบ IIT ของหน่วยงานนี้แล้ว หากท่านเป็นบุคลากรอีกคนหนึ่งที่ใช้เครื่องร่วมกัน ตอบต่อได้ตามปกติ กรุณาตอบเพียงครั้งเดียวต่อคน",
    en: "This browser has already sent IIT answers for this agency. If you are another staff member sharing this device, please go ahead. Please answer only once per person.",
  },
  "iit.startOver": { th: "กลับไปกรอกรหัส", en: "Back to the code" },
  "eit.title": { th: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)", en: "External Integrity and Transparency Assessment (EIT)" },
  "eit.find.title": { th: "ค้นหาหน่วยงาน", en: "Find an agency" },
  "eit.find.label": { th: "ชื่อหน่วยงาน", en: "Agency name" },
  "eit.find.submit": { th: "ค้นหา", en: "Search" },
  "eit.find.none": { th: "ไม่พบหน่วยงานที่ตรงกับคำค้น", en: "No agency matches" },
  "eit.find.hint": {
    th: "โดยปกติท่านจะสแกนคิวอาร์โค้ดที่จุดบริการของหน่วยงาน หากไม่มี ค้นหาชื่อหน่วยงานได้ที่นี่",
    en: "Usually you scan the QR code at the agency's service counter; otherwise search for the agency here.",
  },
  "eit.pdpa.title": { th: "ประกาศความเป็นส่วนตัว", en: "Privacy notice" },
  "eit.pdpa.body": {
    th: "เราขอหมายเลขโทรศัพท์มือถือของท่านเพื่อส่งรหัส OTP และเพื่อให้แต่ละหมายเลขตอบได้ครั้งเดียวต่อหน่วยงานต่อปีเท่านั้น ระบบไม่เก็บหมายเลขของท่าน เก็บเพียงค่าแฮชที่เข้ารหัสด้วยกุญแจของรอบการประเมิน ซึ่งแยกจากคำตอบโดยสิ้นเชิง ค่าแฮชจะถูกลบเมื่อพ้นระยะอุทธรณ์ของรอบการประเมิน และข้อมูลรหัส OTP จะถูกลบภายใน 24 ชั่วโมง ติดต่อเจ้าหน้าที่ ITA ของหน่วยงานหากมีข้อสงสัย",
    en: "We ask for your mobile number only to send a one-time code and to allow one answer per number per agency per year. Your number is not stored: only a keyed hash, kept apart from your answers, which is deleted after the cycle's appeal period; code records are deleted within 24 hours. Contact the agency's ITA officer with any question.",
  },
  "eit.contact.label": { th: "หมายเลขโทรศัพท์มือถือ", en: "Mobile number" },
  "eit.contact.labelEmail": { th: "หมายเลขโทรศัพท์มือถือ หรืออีเมล", en: "Mobile number or e-mail" },
  "eit.contact.hint": { th: "เช่น 081-234-5678", en: "e.g. 081-234-5678" },
  "eit.contact.submit": { th: "ขอรหัส OTP", en: "Send me a code" },
  "eit.contact.required": { th: "กรุณากรอกหมายเลขโทรศัพท์มือถือ", en: "Please enter your mobile number" },
  "eit.contact.phoneInvalid": { th: "หมายเลขโทรศัพท์ไม่ถูกต้อง", en: "This is not a valid phone number" },
  "eit.contact.notThaiMobile": {
    th: "กรุณาใช้หมายเลขโทรศัพท์มือถือในประเทศไทย (ขึ้นต้นด้วย 06 08 หรือ 09)",
    en: "Please use a Thai mobile number (starting 06, 08 or 09)",
  },
  "eit.contact.emailInvalid": { th: "อีเมลไม่ถูกต้อง", en: "This is not a valid e-mail address" },
  "eit.contact.emailNotAllowed": { th: "หน่วยงานนี้รับเฉพาะหมายเลขโทรศัพท์มือถือ", en: "This agency accepts mobile numbers only" },
  "eit.busy": {
    th: "ขณะนี้มีการขอรหัสจำนวนมาก กรุณาลองใหม่ภายหลัง",
    en: "Too many codes are being requested right now. Please try again later.",
  },
  "eit.formExpired": {
    th: "หน้านี้หมดอายุแล้ว กรุณากดขอรหัส OTP อีกครั้ง",
    en: "This page has expired. Please press the button again.",
  },
  "eit.closed": { th: "ขณะนี้ปิดรับแบบวัด EIT ของหน่วยงานนี้", en: "This agency's EIT is not open at the moment." },
  "eit.verify.title": { th: "กรอกรหัส OTP", en: "Enter the code" },
  "eit.verify.sent": {
    th: "ระบบส่งรหัส 6 หลักไปยังหมายเลขที่ท่านกรอกแล้ว (หากหมายเลขนั้นรับข้อความได้) รหัสใช้ได้ 10 นาที",
    en: "A 6-digit code is on its way to the number you entered (if it can receive messages). It is valid for 10 minutes.",
  },
  "eit.verify.attemptsLeft": { th: "เหลือโอกาสอีก {count} ครั้ง", en: "{count} tries left" },
  "eit.verify.label": { th: "รหัส OTP 6 หลัก", en: "6-digit code" },
  "eit.verify.submit": { th: "ยืนยัน", en: "Verify" },
  "eit.verify.resend": { th: "ส่งรหัสใหม่", en: "Send a new code" },
  "eit.verify.wrong": { th: "รหัสไม่ถูกต้อง กรุณาลองอีกครั้ง", en: "Wrong code, please try again" },
  "eit.verify.dead": {
    th: "รหัสนี้ใช้ไม่ได้แล้ว (หมดอายุ ถูกใช้ไปแล้ว หรือกรอกผิดเกิน 5 ครั้ง) กรุณาขอรหัสใหม่",
    en: "This code can no longer be used (expired, already used, or 5 wrong tries). Please ask for a new one.",
  },
  "eit.verify.format": { th: "กรุณากรอกตัวเลข 6 หลัก", en: "Please enter the 6 digits" },
  "eit.verify.changeNumber": { th: "เปลี่ยนหมายเลข", en: "Use another number" },
  "eit.already": {
    th: "หมายเลขนี้ได้ตอบแบบวัด EIT ของหน่วยงานนี้ในปีงบประมาณนี้แล้ว ขอบคุณที่ร่วมประเมิน",
    en: "This number has already answered this agency's EIT this fiscal year. Thank you for taking part.",
  },
  "eit.otp.message": {
    th: "รหัส OTP แบบวัด ITA ของ{agency}: {code} (ใช้ได้ 10 นาที) อย่าบอกรหัสนี้กับผู้อื่น",
    en: "Your ITA survey code for {agency}: {code} (valid 10 minutes). Do not share it.",
  },
  "eit.otp.subject": { th: "รหัส OTP แบบวัด ITA", en: "Your ITA survey code" },
  "eit.eligibility.title": { th: "ก่อนเริ่มตอบ", en: "Before you start" },
  "admin.login.title": { th: "เข้าสู่ระบบผู้ดูแล", en: "Admin sign-in" },
  "admin.login.email": { th: "อีเมล", en: "E-mail" },
  "admin.login.password": { th: "รหัสผ่าน", en: "Password" },
  "admin.login.submit": { th: "เข้าสู่ระบบ", en: "Sign in" },
  "admin.login.failed": { th: "อีเมลหรือรหัสผ่านไม่ถูกต้อง", en: "Wrong e-mail or password" },
  "admin.login.limited": {
    th: "ลงชื่อเข้าใช้ผิดหลายครั้งเกินไป กรุณารอ {minutes} นาที",
    en: "Too many failed sign-ins. Please wait {minutes} minutes.",
  },
  "admin.login.busy": { th: "ระบบกำลังมีผู้ใช้งานมาก กรุณาลองใหม่อีกครั้งในอีกสักครู่", en: "The system is busy. Please try again in a moment." },
  "admin.login.required": { th: "กรุณากรอกอีเมลและรหัสผ่าน", en: "Please enter your e-mail and password" },
  "admin.2fa.title": { th: "ยืนยันตัวตนขั้นที่สอง", en: "Two-step verification" },
  "admin.2fa.code": { th: "รหัส 6 หลักจากแอปยืนยันตัวตน หรือรหัสกู้คืน", en: "6-digit code from your authenticator app, or a recovery code" },
  "admin.2fa.submit": { th: "ยืนยัน", en: "Verify" },
  "admin.2fa.wrong": { th: "รหัสไม่ถูกต้อง", en: "Wrong code" },
  "admin.2fa.setup.title": { th: "ตั้งค่าการยืนยันตัวตนสองขั้นตอน", en: "Set up two-step verification" },
  "admin.2fa.setup.body": {
    th: "สแกนคิวอาร์โค้ดด้วยแอปยืนยันตัวตน (เช่น Google Authenticator, Microsoft Authenticator) หรือพิมพ์รหัสลับด้านล่าง แล้วกรอกรหัส 6 หลักที่แอปแสดงเพื่อเปิดใช้งาน",
    en: "Scan the QR code with an authenticator app (e.g. Google or Microsoft Authenticator), or type the secret key below, then enter the 6-digit code it shows to turn it on.",
  },
  "admin.2fa.setup.key": { th: "รหัสลับ (พิมพ์เองได้)", en: "Secret key (to type in)" },
  "admin.2fa.recovery.title": { th: "รหัสกู้คืน — บันทึกเก็บไว้ตอนนี้", en: "Recovery codes — save them now" },
  "admin.2fa.recovery.body": {
    th: "ใช้รหัสแต่ละตัวได้ครั้งเดียว เมื่อไม่มีโทรศัพท์ ระบบจะไม่แสดงรหัสเหล่านี้อีก",
    en: "Each code works once, for when you do not have your phone. They will not be shown again.",
  },
  "admin.2fa.continue": { th: "ไปยังหน้าผู้ดูแล", en: "Continue to the dashboard" },
  "admin.logout": { th: "ออกจากระบบ", en: "Sign out" },
  "admin.home.title": { th: "หน้าผู้ดูแล", en: "Admin" },
  "admin.home.agencies": { th: "หน่วยงานในความรับผิดชอบ", en: "Your agencies" },
  "admin.table.agency": { th: "หน่วยงาน", en: "Agency" },
  "admin.table.province": { th: "จังหวัด", en: "Province" },
  "admin.page": { th: "หน้า {page} จาก {pages} ({total} หน่วยงาน)", en: "Page {page} of {pages} ({total} agencies)" },
  "admin.previous": { th: "ก่อนหน้า", en: "Previous" },
  "admin.next": { th: "ถัดไป", en: "Next" },
  "admin.role.agency_admin": { th: "ผู้ดูแลหน่วยงาน", en: "Agency admin" },
  "admin.role.province_coordinator": { th: "ผู้ประสานงานจังหวัด", en: "Provincial coordinator" },
  "admin.role.national_assessor": { th: "ผู้ประเมิน (ระดับประเทศ)", en: "National assessor" },
  "admin.role.system_admin": { th: "ผู้ดูแลระบบ", en: "System admin" },
  "admin.noCycle": { th: "ยังไม่มีรอบการประเมิน", en: "No assessment cycle yet" },
  "dash.progress": { th: "ความคืบหน้าเทียบกับกลุ่มตัวอย่างขั้นต่ำ", en: "Progress against the minimum samples" },
  "dash.instrument.iit": { th: "IIT (บุคลากรภายใน)", en: "IIT (staff)" },
  "dash.instrument.eit1": { th: "EIT ส่วนที่ 1 (ผู้รับบริการ)", en: "EIT part 1 (service users)" },
  "dash.instrument.eit2": { th: "EIT ส่วนที่ 2 (ผู้มีส่วนได้ส่วนเสียสำคัญ)", en: "EIT part 2 (key stakeholders)" },
  "dash.responses": { th: "ผู้ตอบ", en: "Responses" },
  "dash.minimum": { th: "ขั้นต่ำ", en: "Minimum" },
  "dash.status": { th: "สถานะ", en: "Status" },
  "dash.status.collecting": { th: "กำลังเก็บข้อมูล", en: "Collecting" },
  "dash.status.minimum-reached": { th: "ถึงขั้นต่ำแล้ว", en: "Minimum reached" },
  "dash.status.closed": { th: "ปิดรับแล้ว", en: "Closed" },
  "dash.status.not-processed": { th: "ไม่ประมวลผล", en: "Not processed" },
  "dash.ifClosedNow": { th: "หากปิดรับตอนนี้:", en: "If collection closed now:" },
  "dash.means": { th: "ค่าเฉลี่ยรายข้อและรายตัวชี้วัด", en: "Item and indicator means" },
  "dash.means.why": {
    th: "เพื่อปกป้องผู้ตอบ ระหว่างเก็บข้อมูลจะแสดงเฉพาะจำนวนผู้ตอบ (แบบทันที) ค่าเฉลี่ยและคะแนนจะแสดงเมื่อปิดช่วงเวลาเก็บข้อมูลตามกำหนดแล้ว เป็นผลสุดท้ายเท่านั้น และต้องมีผู้ตอบไม่น้อยกว่ากลุ่มตัวอย่างขั้นต่ำ (อย่างน้อย 5 คน) จึงไม่มีใครเปรียบเทียบหน้าจอเพื่อหาคำตอบของคนใดคนหนึ่งได้",
    en: "To protect respondents, only counts are shown (live) while collection runs. Means and scores appear once the collection window has closed, as final figures only, and only from at least the minimum sample (and at least 5 responses), so nobody can compare views to single out one person's answers.",
  },
  "dash.means.hidden": { th: "ยังไม่แสดง (กำลังเก็บข้อมูล)", en: "Not shown while collection runs" },
  "dash.means.tooFew": { th: "ไม่แสดง (ผู้ตอบน้อยกว่ากลุ่มตัวอย่างขั้นต่ำหรือน้อยกว่า 5 คน)", en: "Not shown (fewer responses than the minimum sample, or fewer than 5)" },
  "dash.means.asOf": { th: "ผลสุดท้าย จากผู้ตอบ {n} คน", en: "Final, from {n} responses" },
  "dash.item": { th: "ข้อ", en: "Item" },
  "dash.mean": { th: "ค่าเฉลี่ย", en: "Mean" },
  "dash.indicator": { th: "ตัวชี้วัด", en: "Indicator" },
  "dash.populations": { th: "จำนวนประชากร", en: "Populations" },
  "dash.populations.internal": { th: "บุคลากรที่ปฏิบัติงานมาแล้วอย่างน้อย 1 ปี (IIT)", en: "Staff with ≥ 1 year of service (IIT)" },
  "dash.populations.external": { th: "ผู้รับบริการโดยประมาณในปีงบประมาณ (EIT)", en: "Estimated service users this fiscal year (EIT)" },
  "dash.populations.save": { th: "บันทึก", en: "Save" },
  "dash.populations.rule": {
    th: "กลุ่มตัวอย่างขั้นต่ำ = 20% ของ N แต่ไม่น้อยกว่า 30 คน (N น้อยกว่า 30: ทั้งหมด; N เกิน 2,000: 400 คน) · EIT ส่วนที่ 2 = 20% ของขั้นต่ำ EIT ส่วนที่ 1 แต่ไม่น้อยกว่า 20",
    en: "Minimum = 20 % of N, at least 30 (N below 30: all N; N above 2,000: 400) · EIT part 2 = 20 % of the EIT part 1 minimum, at least 20",
  },
  "dash.populations.invalid": { th: "กรุณากรอกจำนวนเต็มตั้งแต่ 0 ถึง 10,000,000", en: "Please enter a whole number from 0 to 10,000,000" },
  "dash.saved": { th: "บันทึกแล้ว", en: "Saved" },
  "dash.code": { th: "รหัสสำหรับบุคลากร (IIT)", en: "Staff code (IIT)" },
  "dash.code.active": {
    th: "มีรหัสที่ใช้งานอยู่ ออกเมื่อ {date} (ระบบเก็บเฉพาะค่าแฮช จึงแสดงรหัสได้ครั้งเดียวตอนสร้าง)",
    en: "A code is active, issued {date} (only its hash is kept, so it is shown once, when created)",
  },
  "dash.code.none": { th: "ยังไม่มีรหัสที่ใช้งานได้", en: "No active code" },
  "dash.code.rotate": { th: "สร้างรหัสใหม่ (รหัสเดิมจะใช้ไม่ได้)", en: "Create a new code (the old one stops working)" },
  "dash.code.revoke": { th: "ยกเลิกรหัส", en: "Revoke the code" },
  "dash.code.new": { th: "รหัสใหม่ของหน่วยงาน — แจ้งบุคลากรภายในเท่านั้น", en: "The agency's new code — for staff only" },
  "dash.code.print": { th: "พิมพ์ประกาศสำหรับบุคลากร", en: "Print the staff notice" },
  "dash.notice.title": { th: "ขอเชิญบุคลากรตอบแบบวัด IIT", en: "Staff are invited to answer the IIT" },
  "dash.notice.body": {
    th: "บุคลากรที่ปฏิบัติงานในหน่วยงานมาแล้วอย่างน้อย 1 ปี เข้าเว็บไซต์ด้านล่าง กรอกรหัสของหน่วยงาน แล้วตอบคำถาม 15 ข้อ คำตอบไม่ระบุตัวตน ไม่มีใครย้อนกลับมาหาผู้ตอบได้ กรุณาอย่าเผยแพร่รหัสนี้ต่อบุคคลภายนอก",
    en: "Staff with at least one year at the agency: open the address below, type the agency's code and answer 15 questions. Answers are anonymous and cannot be traced back. Please do not share the code outside the agency.",
  },
  "dash.open.iit": { th: "รับแบบวัด IIT", en: "Accept IIT answers" },
  "dash.open.eit": { th: "รับแบบวัด EIT", en: "Accept EIT answers" },
  "dash.open.on": { th: "เปิดอยู่ — กดเพื่อปิด", en: "Open — press to close" },
  "dash.open.off": { th: "ปิดอยู่ — กดเพื่อเปิด", en: "Closed — press to open" },
  "dash.refused": { th: "คำตอบที่ถูกปฏิเสธเพราะเกินจำนวนบุคลากร: {n}", en: "Answers refused over the staff headcount: {n}" },
  "dash.eit": { th: "ลิงก์และคิวอาร์โค้ด EIT", en: "EIT link and QR posters" },
  "dash.eit.link": { th: "ลิงก์สาธารณะ", en: "Public link" },
  "dash.eit.counter": { th: "ชื่อจุดบริการ (เช่น ช่องบริการ 1)", en: "Service point name (e.g. Counter 1)" },
  "dash.eit.counter.add": { th: "เพิ่มจุดบริการ", en: "Add service point" },
  "dash.eit.counter.invalid": { th: "กรุณาระบุชื่อจุดบริการ (ไม่เกิน 60 ตัวอักษร)", en: "Enter a service point name (up to 60 characters)" },
  "dash.eit.counter.retire": { th: "เลิกใช้", en: "Retire" },
  "dash.eit.counter.retired": { th: "เลิกใช้แล้ว: ลิงก์นี้ไม่นับแยกจุดอีก", en: "retired: its link no longer counts" },
  "dash.eit.counter.few": { th: "น้อยกว่า 5", en: "fewer than 5" },
  "dash.eit.counter.why": {
    th: "ลิงก์ของแต่ละจุดมีเพียงรหัสสุ่ม ไม่มีชื่อจุด จำนวนผู้ตอบแสดงเมื่อมีอย่างน้อย 5 คน",
    en: "Each point's link carries only a random id, never its name; a count is shown from 5 responses.",
  },
  "dash.eit.poster": { th: "เปิดโปสเตอร์ A4", en: "Open the A4 poster" },
  "dash.eit.png": { th: "ดาวน์โหลด PNG", en: "Download PNG" },
  "dash.eit.counters": { th: "จำนวนผู้ตอบ EIT ส่วนที่ 1 ตามจุดบริการ", en: "EIT part 1 responses by service point" },
  "dash.eit.email": { th: "อนุญาตให้ยืนยันด้วยอีเมล", en: "Allow e-mail verification" },
  "dash.eit.counter.none": { th: "ยังไม่มีจุดบริการ", en: "No service points yet." },
  "dash.otp": {
    th: "รหัส OTP ชั่วโมงนี้: ส่ง {sent} ยืนยันแล้ว {verified} · ชั่วโมงก่อน: ส่ง {sentBefore} ยืนยันแล้ว {verifiedBefore} (ยืนยันน้อยผิดปกติอาจแปลว่ามีผู้ใช้ระบบส่ง SMS ในทางมิชอบ)",
    en: "OTP codes this hour: {sent} sent, {verified} verified · previous hour: {sentBefore} sent, {verifiedBefore} verified (few verifications for many sends may mean SMS abuse)",
  },
  "dash.daily": { th: "จำนวนคำตอบรายวัน", en: "Responses per day" },
  "dash.daily.none": { th: "ยังไม่มีคำตอบ", en: "No responses yet" },
  "dash.readOnly": { th: "ท่านดูข้อมูลได้อย่างเดียว (การตั้งค่าเป็นของผู้ดูแลหน่วยงาน)", en: "Read only (settings belong to the agency's admin)" },
  "dash.back": { th: "กลับไปหน้ารายการ", en: "Back to the list" },
  "poster.title": { th: "ร่วมประเมินคุณธรรมและความโปร่งใสของหน่วยงาน", en: "Help assess this agency's integrity and transparency" },
  "poster.steps": {
    th: "1. สแกนคิวอาร์โค้ดด้วยกล้องโทรศัพท์ 2. กรอกหมายเลขโทรศัพท์มือถือเพื่อรับรหัส OTP 3. ตอบคำถาม 9 ข้อ (ประมาณ 3 นาที)",
    en: "1. Scan the QR code with your phone camera 2. Enter your mobile number to get a one-time code 3. Answer 9 questions (about 3 minutes)",
  },
  "poster.anonymous": {
    th: "ไม่ระบุตัวตน — ระบบไม่เก็บหมายเลขโทรศัพท์ไว้กับคำตอบ",
    en: "Anonymous — your number is never stored with your answers",
  },
  "poster.print": { th: "พิมพ์โปสเตอร์", en: "Print the poster" },
  "eit2.title": { th: "บันทึกแบบวัด EIT ส่วนที่ 2 (ผู้มีส่วนได้ส่วนเสียสำคัญ)", en: "Enter EIT part 2 (key stakeholders)" },
  "eit2.body": {
    th: "บันทึกคำตอบของผู้มีส่วนได้ส่วนเสียสำคัญหนึ่งรายต่อหนึ่งแบบฟอร์ม ระบบบันทึกเพียงจำนวนที่ท่านบันทึก ไม่บันทึกว่าผู้ใดตอบอย่างไร",
    en: "One form per key stakeholder. The system records how many you entered, never who said what.",
  },
  "eit2.count": { th: "บันทึกแล้ว {n} จากขั้นต่ำ {min}", en: "{n} entered of a minimum of {min}" },
  "eit2.saved": { th: "บันทึกคำตอบแล้ว — กรอกรายถัดไปได้", en: "Saved — you can enter the next stakeholder" },
  "eit2.link": { th: "บันทึก EIT ส่วนที่ 2", en: "Enter EIT part 2" },
  "eit2.windowClosed": { th: "ช่วงเวลาเก็บข้อมูล EIT ปิดแล้ว จึงบันทึกเพิ่มไม่ได้", en: "The EIT collection window has closed; no more entries." },
  "eit2.closed": { th: "ผลของหน่วยงานนี้ประกาศแล้ว จึงบันทึกเพิ่มไม่ได้", en: "This agency's results are published; no more entries." },
  "oit.title": { th: "แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)", en: "Open data assessment (OIT)" },
  "oit.body.agency": {
    th: "กรอกลิงก์หน้าเว็บไซต์ของหน่วยงานที่เผยแพร่ข้อมูลแต่ละข้อ ผู้ประเมินจะตรวจและให้คะแนน",
    en: "Enter the link to the page of your website that publishes each item; the assessor checks and scores it.",
  },
  "oit.body.assessor": {
    th: "ให้คะแนนแต่ละข้อ 0–100 (ส่วนใหญ่ผ่าน = 100 ไม่ผ่าน = 0) พร้อมความเห็น คะแนนตัวชี้วัดย่อยและตัวชี้วัดคำนวณให้ทันที",
    en: "Score each item 0–100 (most are pass = 100 / fail = 0) with a comment; sub-indicator and indicator scores follow.",
  },
  "oit.item": { th: "ข้อ", en: "Item" },
  "oit.url": { th: "ลิงก์", en: "Link" },
  "oit.score": { th: "คะแนน", en: "Score" },
  "oit.comment": { th: "ความเห็น", en: "Comment" },
  "oit.save": { th: "บันทึก", en: "Save" },
  "oit.invalid": { th: "ข้อมูลบางช่องไม่ถูกต้อง", en: "Some fields are not valid" },
  "oit.link": { th: "OIT (ลิงก์และคะแนน)", en: "OIT (links and scores)" },
  "oit.total": { th: "คะแนน OIT", en: "OIT score" },
  "results.title": { th: "ผลการประเมิน ITA", en: "ITA results" },
  "results.provisional": {
    th: "ผลเบื้องต้นระหว่างเก็บข้อมูล (คะแนนแสดงเมื่อปิดช่วงเวลาเก็บข้อมูลตามกำหนด) — ยังไม่ประกาศผล",
    en: "Provisional (scores appear once the collection window has closed) — not yet published",
  },
  "results.part": { th: "แบบวัด", en: "Instrument" },
  "results.weight": { th: "น้ำหนัก", en: "Weight" },
  "results.score": { th: "คะแนน", en: "Score" },
  "results.pass": { th: "ผ่าน (≥ 85)", en: "Pass (≥ 85)" },
  "results.fail": { th: "ไม่ผ่าน", en: "Below 85" },
  "results.total": { th: "คะแนนรวม", en: "Total" },
  "results.rating": { th: "ระดับผลการประเมิน", en: "Rating" },
  "results.notProcessed": { th: "ไม่ประมวลผล", en: "Not processed" },
  "results.collecting": { th: "กำลังเก็บข้อมูล: คะแนนจะแสดงเมื่อปิดช่วงเวลาเก็บข้อมูล", en: "Still collecting: scores appear once the window closes" },
  "results.link": { th: "ผลการประเมิน", en: "Results" },
  "results.print": { th: "พิมพ์", en: "Print" },
  "results.publish.title": { th: "ประกาศผล", en: "Publish results" },
  "results.publish.explain": {
    th: "เมื่อประกาศผลแล้ว ระบบจะปิดรับแบบสำรวจของหน่วยงานนี้และตัวเลขทั้งหมดจะคงที่ แก้ไขภายหลังไม่ได้",
    en: "Publishing closes this agency's surveys and freezes every figure; it cannot be undone here",
  },
  "results.publish.confirm": { th: "ข้าพเจ้าตรวจสอบผลแล้วและยืนยันการประกาศผล", en: "I have checked the results and confirm publication" },
  "results.publish.button": { th: "ประกาศผลของหน่วยงานนี้", en: "Publish this agency's results" },
  "results.publish.done": { th: "ประกาศผลแล้ว ตัวเลขคงที่", en: "Published: the figures are frozen" },
  "results.publish.already": { th: "หน่วยงานนี้ประกาศผลไปแล้ว", en: "This agency's results were already published" },
  "results.publish.notRegistered": { th: "หน่วยงานไม่ได้ลงทะเบียน จึงประกาศผลไม่ได้", en: "The agency is not registered, so there is nothing to publish" },
  "results.publish.needConfirm": { th: "กรุณาติ๊กยืนยันก่อนประกาศผล", en: "Please tick the confirmation first" },
  "results.publishedAt": { th: "ประกาศผลเมื่อ {date}", en: "Published on {date}" },
  "dash.published": { th: "ประกาศผลแล้ว จึงแก้ไขไม่ได้", en: "Results are published; this can no longer be changed" },
  "export.title": { th: "ส่งออกข้อมูล", en: "Export" },
  "export.csv": { th: "CSV", en: "CSV" },
  "export.xlsx": { th: "Excel (XLSX)", en: "Excel (XLSX)" },
  "export.json": { th: "JSON สำหรับโปรแกรมคำนวณคะแนน", en: "JSON for the scoring CLI" },
  "export.explain": {
    th: "ไฟล์ระบุปีงบประมาณ รุ่นของเกณฑ์ และค่า SHA-256 ของข้อมูลที่ใช้คำนวณ เพื่อพิสูจน์ตัวเลขภายหลังได้",
    en: "Each file carries the fiscal year, the rules version and a SHA-256 of the data it was computed from, so the figures can be proven later",
  },
  "overview.title.nation": { th: "ภาพรวมทั้งประเทศ", en: "National overview" },
  "overview.title.scope": { th: "ภาพรวมหน่วยงานในความรับผิดชอบ", en: "Overview of your agencies" },
  "overview.asOf": { th: "ข้อมูล ณ {time}", en: "As of {time}" },
  "overview.refresh": { th: "คำนวณใหม่เดี๋ยวนี้", en: "Recompute now" },
  "overview.search": { th: "ค้นหาชื่อหน่วยงาน", en: "Search agency name" },
  "overview.province": { th: "จังหวัด", en: "Province" },
  "overview.allProvinces": { th: "ทุกจังหวัด", en: "All provinces" },
  "overview.central": { th: "ส่วนกลาง (ไม่สังกัดจังหวัด)", en: "Central (no province)" },
  "overview.kind": { th: "ประเภทหน่วยงาน", en: "Agency type" },
  "overview.allKinds": { th: "ทุกประเภท", en: "All types" },
  "overview.show": { th: "แสดง", en: "Show" },
  "overview.filter.all": { th: "ทุกหน่วยงาน", en: "All agencies" },
  "overview.filter.attention": { th: "ต้องติดตาม (เสี่ยง/ไม่ถึง/ไม่มีประชากร/ไม่ลงทะเบียน)", en: "Needs attention (at risk, missed, no population, not registered)" },
  "overview.filter.at-risk": { th: "คาดว่าไม่ถึงขั้นต่ำ", en: "Forecast: will miss the minimum" },
  "overview.filter.reached": { th: "ถึงขั้นต่ำครบทุกแบบวัด", en: "Every minimum reached" },
  "overview.filter.published": { th: "ประกาศผลแล้ว", en: "Published" },
  "overview.sort": { th: "เรียงตาม", en: "Sort by" },
  "overview.sort.name": { th: "ชื่อหน่วยงาน", en: "Agency name" },
  "overview.sort.province": { th: "จังหวัด", en: "Province" },
  "overview.sort.iit": { th: "IIT % ของขั้นต่ำ", en: "IIT % of minimum" },
  "overview.sort.eit1": { th: "EIT ส่วนที่ 1 % ของขั้นต่ำ", en: "EIT part 1 % of minimum" },
  "overview.sort.eit2": { th: "EIT ส่วนที่ 2 % ของขั้นต่ำ", en: "EIT part 2 % of minimum" },
  "overview.sort.total": { th: "คะแนนรวม", en: "Total score" },
  "overview.sort.risk": { th: "ความเสี่ยง", en: "Risk" },
  "overview.dir.asc": { th: "น้อยไปมาก", en: "Ascending" },
  "overview.dir.desc": { th: "มากไปน้อย", en: "Descending" },
  "overview.apply": { th: "กรอง", en: "Apply" },
  "overview.summary": {
    th: "{agencies} หน่วยงาน · ลงทะเบียน {registered} · ต้องติดตาม {atRisk}",
    en: "{agencies} agencies · {registered} registered · {atRisk} need attention",
  },
  "overview.provinces": { th: "สรุปรายจังหวัด", en: "Totals per province" },
  "overview.col.agencies": { th: "หน่วยงาน", en: "Agencies" },
  "overview.col.registered": { th: "ลงทะเบียน", en: "Registered" },
  "overview.col.atRisk": { th: "ต้องติดตาม", en: "Need attention" },
  "overview.col.reached": { th: "ถึงขั้นต่ำ {instrument}", en: "{instrument} minimum reached" },
  "overview.col.total": { th: "คะแนนรวม", en: "Total" },
  "overview.col.rating": { th: "ระดับ", en: "Rating" },
  "overview.none": { th: "ไม่พบหน่วยงานตามเงื่อนไข", en: "No agency matches" },
  "forecast.reached": { th: "ถึงขั้นต่ำแล้ว", en: "Minimum reached" },
  "forecast.on-track": { th: "คาดว่าถึงทันกำหนด", en: "On track" },
  "forecast.at-risk": { th: "คาดว่าไม่ถึง (ต้องการ {needed}/วัน, ได้ {rate}/วัน)", en: "Will miss (needs {needed}/day, getting {rate}/day)" },
  "forecast.missed": { th: "ปิดแล้ว ไม่ถึงขั้นต่ำ", en: "Closed below the minimum" },
  "forecast.unknown": { th: "ยังไม่มีประชากร", en: "No population yet" },
  "risk.not-registered": { th: "ไม่ได้ลงทะเบียน", en: "Not registered" },
  "risk.no-population": { th: "ยังไม่กรอกประชากร", en: "Population missing" },
  "risk.missed": { th: "ไม่ถึงขั้นต่ำ", en: "Missed a minimum" },
  "risk.at-risk": { th: "เสี่ยงไม่ถึงขั้นต่ำ", en: "At risk" },
  // "kind.<code>": the agency kinds' names, from their one table (app/domain/agency-kinds.ts).
  ...(Object.fromEntries(AGENCY_KINDS.map((kind) => [`kind.${kind.code}`, { th: kind.th, en: kind.en }])) as {
    [Code in AgencyKindCode as `kind.${Code}`]: Bilingual;
  }),
  "plan.title": { th: "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", en: "Bringing the ITA results into organisational development" },
  "plan.link": { th: "แผนพัฒนาจากผล ITA", en: "Improvement plan" },
  "plan.print": { th: "ดู/พิมพ์รายงาน", en: "View / print the report" },
  "plan.docx": { th: "ดาวน์โหลด Word (.docx)", en: "Download Word (.docx)" },
  "plan.version": { th: "ฉบับที่ {version} บันทึกเมื่อ {date}", en: "Version {version}, saved {date}" },
  "plan.unsaved": { th: "ยังไม่ได้บันทึก", en: "Not saved yet" },
  "plan.invalid": { th: "ข้อมูลบางช่องไม่ถูกต้อง ยังไม่ได้บันทึก", en: "Some fields are not valid; nothing was saved" },
  "plan.threshold": { th: "เกณฑ์ข้อที่ควรพัฒนา (คะแนนต่ำกว่า)", en: "Items to improve: score below" },
  "plan.digits": { th: "ตัวเลขในรายงาน", en: "Digits in the report" },
  "plan.digits.thai": { th: "เลขไทย (๑๒๓)", en: "Thai digits (๑๒๓)" },
  "plan.digits.arabic": { th: "เลขอารบิก (123)", en: "Arabic digits (123)" },
  "plan.indicator": { th: "ตัวชี้วัดที่ {code} {name}", en: "Indicator {code} {name}" },
  "plan.item": { th: "ข้อ {code}", en: "Item {code}" },
  "plan.previous": { th: "แผนปีงบประมาณ {year}", en: "Plan of fiscal year {year}" },
  "plan.note": { th: "บทวิเคราะห์เพิ่มเติม (ถ้ามี)", en: "Further analysis (optional)" },
  "plan.measure": { th: "มาตรการ/โครงการ/กิจกรรม", en: "Measure / project / activity" },
  "plan.steps": { th: "ขั้นตอน/วิธีการ", en: "Steps" },
  "plan.period": { th: "ระยะเวลาดำเนินการ", en: "Period" },
  "plan.start": { th: "วันเริ่ม", en: "Start" },
  "plan.end": { th: "วันสิ้นสุด", en: "End" },
  "plan.unit": { th: "ผู้รับผิดชอบ", en: "Responsible unit" },
  "plan.unit.example": { th: "เช่น สำนักปลัด กองคลัง กองช่าง", en: "e.g. Office of the Permanent Secretary, Finance Division" },
  "plan.remove": { th: "ลบ", en: "Remove" },
  "plan.library": { th: "เพิ่มจากคลังมาตรการที่แนะนำ", en: "Add a suggested measure" },
  "plan.signatures": { th: "ผู้จัดทำและผู้รับรอง", en: "Prepared and approved by" },
  "plan.sig.officer": { th: "ผู้จัดทำ", en: "Prepared by" },
  "plan.sig.secretary": { th: "ปลัด", en: "Permanent secretary" },
  "plan.sig.executive": { th: "ผู้บริหาร", en: "Executive" },
  "plan.sig.name": { th: "ชื่อ", en: "Name" },
  "plan.sig.position": { th: "ตำแหน่ง", en: "Position" },
  "plan.save": { th: "บันทึก", en: "Save" },
  "plan.saveNew": { th: "บันทึกเป็นฉบับใหม่", en: "Save as a new version" },
  "plan.saved": { th: "บันทึกแล้ว", en: "Saved" },
  "plan.versions": { th: "ฉบับที่บันทึกไว้", en: "Saved versions" },
  "plan.edit": { th: "แก้ไขแผน", en: "Edit the plan" },
  "plan.noMeasures": { th: "ยังไม่มีมาตรการ", en: "No measures yet" },
  "report.methodology": { th: "วิธีการประเมิน", en: "Methodology" },
  "report.overall": { th: "ผลการประเมินภาพรวม", en: "Overall result" },
  "report.parts": { th: "คะแนนรายแบบวัด", en: "Scores by instrument" },
  "report.table": { th: "ผลคะแนนรายตัวชี้วัด", en: "Scores by indicator" },
  "report.analysis": { th: "การวิเคราะห์ผลและแผนพัฒนารายตัวชี้วัด", en: "Analysis and action plan by indicator" },
  "report.no": { th: "ลำดับ", en: "No." },
  "report.weak": { th: "ประเด็นที่ควรพัฒนา", en: "Items to improve" },
  "report.score": { th: "คะแนน {score} ({rating})", en: "Score {score} ({rating})" },
  "report.pass": { th: "ผ่าน", en: "Pass" },
  "report.verdict": { th: "ผ่าน/ไม่ผ่าน", en: "Pass / below" },
  "report.passNote": { th: "หมายเหตุ: ผ่าน หมายถึง คะแนนตั้งแต่ {mark} คะแนนขึ้นไป", en: "Note: pass means a score of {mark} or more" },
  "report.signHere": { th: "(ลงชื่อ)", en: "(Signed)" },
  "report.provisional": { th: "ผลเบื้องต้น — ยังไม่ประกาศผล", en: "Provisional — results not yet published" },
  "error.400": { th: "ข้อมูลที่ส่งมาไม่ถูกต้อง", en: "The request was not valid" },
  "error.403": { th: "ท่านไม่มีสิทธิ์เข้าถึงหน้านี้", en: "You are not allowed to see this page" },
  "error.404": { th: "ไม่พบหน้าที่ต้องการ", en: "Page not found" },
  "error.413": { th: "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป", en: "The request is too large" },
  "error.429": { th: "มีการส่งคำขอมากเกินไป กรุณารอสักครู่แล้วลองใหม่", en: "Too many requests — please wait a moment and try again" },
  "error.503": {
    // Shown for a page view as well as a send: say both, briefly.
    th: "ระบบขัดข้องชั่วคราว สิ่งที่ท่านเพิ่งส่งยังไม่ได้บันทึก กรุณาลองใหม่อีกครั้ง",
    en: "The service is briefly unavailable. Anything you just sent was not saved — please try again",
  },
  "error.500": { th: "เกิดข้อผิดพลาดในระบบ", en: "Something went wrong" },
  "error.home": { th: "กลับหน้าแรก", en: "Back to the home page" },
  // Refusals thrown by guards and resource routes: shown in both languages (bothLangs), since the
  // error page's reader may not have chosen one.
  "refuse.agencyNotFound": { th: "ไม่พบหน่วยงาน", en: "Agency not found" },
  "refuse.provinceNotFound": { th: "ไม่พบจังหวัด", en: "Province not found" },
  "refuse.agencyNotRegistered": { th: "หน่วยงานไม่ได้ลงทะเบียน", en: "Agency not registered" },
  "refuse.noCycle": { th: "ยังไม่มีรอบการประเมิน", en: "No cycle yet" },
  "refuse.agency": { th: "ไม่มีสิทธิ์เข้าถึงหน่วยงานนี้", en: "Not allowed for this agency" },
  "refuse.assessorsOnly": { th: "เฉพาะผู้ประเมิน", en: "Assessors only" },
  "refuse.change": { th: "ไม่มีสิทธิ์แก้ไข", en: "Not allowed to change this" },
  "refuse.publish": { th: "ไม่มีสิทธิ์ประกาศผล", en: "Not allowed to publish" },
  "refuse.exportScope": { th: "ไม่มีสิทธิ์ส่งออกข้อมูลขอบเขตนี้", en: "Not allowed to export this scope" },
  "refuse.exportQuery": { th: "ขอบเขตหรือรูปแบบไฟล์ไม่ถูกต้อง", en: "Unknown export scope or format" },
  "refuse.counterTag": { th: "ชื่อจุดบริการไม่ถูกต้อง", en: "Invalid service point tag" },
  "refuse.planVersion": { th: "ไม่พบฉบับที่ระบุ", en: "No such version" },
  "admin.2fa.enrolled": {
    th: 'บัญชีนี้เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้ว หากต้องการรหัสกู้คืนชุดใหม่ ไปที่ "บัญชีของฉัน"',
    en: 'Two-factor authentication is on for this account. For a new set of recovery codes, go to "My account"',
  },
  "admin.nav.label": { th: "เมนูผู้ดูแล", en: "Admin menu" },
  "admin.nav.overview": { th: "ภาพรวม", en: "Overview" },
  "admin.nav.register": { th: "ทะเบียนหน่วยงาน", en: "Agency register" },
  "admin.nav.cycles": { th: "รอบการประเมิน", en: "Fiscal years" },
  "admin.nav.users": { th: "ผู้ใช้งาน", en: "Users" },
  "admin.nav.audit": { th: "บันทึกการตรวจสอบ", en: "Audit log" },
  "admin.nav.account": { th: "บัญชีของฉัน", en: "My account" },
  "refuse.systemAdminOnly": { th: "เฉพาะผู้ดูแลระบบเท่านั้น", en: "System administrators only" },
  "refuse.language": { th: "ภาษาไม่ถูกต้อง", en: "Unknown language" },
  "field.stakeholderType": { th: "กรุณาเลือกประเภทผู้มีส่วนได้ส่วนเสีย", en: "Please choose the stakeholder type" },
  "field.unknownMeasure": { th: "ไม่พบมาตรการที่เลือก", en: "Unknown suggested measure" },
  "field.unknown": { th: "ไม่รู้จักข้อ {key}", en: "Unknown field {key}" },
  "meta.title": { th: "ITA — ระบบเก็บแบบสำรวจ", en: "survey collection" },
  ...respondentMessages,
  ...registerMessages,
  ...fiscalYearMessages,
  ...peopleMessages,
  ...operationsMessages,
  ...publicMessages,
  ...operationsOutboxMessages,
  ...reminderMessages,
  ...adminAccessMessages,
  // issue 19 (M7 flags)
  "integrity.title": { th: "สัญญาณที่ควรตรวจสอบ", en: "Integrity flags" },
  "integrity.hint": {
    th: "นับจากบันทึกการเปลี่ยนแปลงและจำนวนรายวันเท่านั้น เป็นสัญญาณให้ตรวจสอบ ไม่ใช่ข้อสรุป",
    en: "Counted from the change log and daily counts only: a prompt to look, not a verdict",
  },
  "integrity.none": { th: "ไม่มีสัญญาณ", en: "No flags" },
  "integrity.flagged": { th: "มีสัญญาณที่ควรตรวจสอบ", en: "Flagged for review" },
  "integrity.staffPopulation": {
    th: "แก้ไขจำนวนบุคลากรหลังเริ่มเก็บข้อมูล IIT {count} ครั้ง (เพิ่มขึ้น {raised} ครั้ง)",
    en: "Staff population changed {count} time(s) after IIT collection started ({raised} raised)",
  },
  "integrity.externalPopulation": {
    th: "แก้ไขจำนวนผู้รับบริการหลังเริ่มเก็บข้อมูล EIT {count} ครั้ง",
    en: "External population changed {count} time(s) after EIT collection started",
  },
  "integrity.burst": {
    th: "มีผู้ตอบ IIT จำนวนมากหลังเปลี่ยนรหัส {bursts} ครั้ง ({responses} คำตอบในวันดังกล่าว)",
    en: "A burst of IIT responses after a code rotation {bursts} time(s) ({responses} responses on those days)",
  },
  "refuse.exportBusy": {
    th: "มีการส่งออกไฟล์จำนวนมากอยู่ในขณะนี้ กรุณาลองใหม่ในอีกสักครู่",
    en: "Too many exports are being prepared right now — please try again in a moment",
  },
} satisfies Record<string, Bilingual>;

/** Every key of the catalogue, the server-only texts included. */
export type CatalogueKey = keyof typeof catalogue;

/**
 * Texts only the server ever says, kept out of the page's messages (≈ KB a page no longer carries):
 * e-mail and SMS bodies, and refusals the server words itself (thrown with bothLangs, shown as a
 * string by the error page, or an import's issue list). A client component that names one of
 * these does not compile: MessageKey leaves them out.
 */
export const SERVER_ONLY_PREFIXES = [
  "reminders.mail.",
  "reminders.instrument.",
  "people.mail.",
  "eit.otp.message",
  "eit.otp.subject",
  "refuse.",
  "public.error.",
  "years.error.",
  "register.issue.",
  "field.",
] as const;

type ServerOnlyKey = Extract<CatalogueKey, `${(typeof SERVER_ONLY_PREFIXES)[number]}${string}`>;

/** A key the page can translate: what client code (components, meta, hooks) may name. */
export type MessageKey = Exclude<CatalogueKey, ServerOnlyKey>;

export function isServerOnlyKey(key: string): boolean {
  return SERVER_ONLY_PREFIXES.some((prefix) => key.startsWith(prefix));
}

function isCatalogueKey(key: unknown): key is CatalogueKey {
  return typeof key === "string" && Object.hasOwn(catalogue, key);
}

/** A key a page can show (in the catalogue and not server-only): e.g. an error code from a service. */
export function isMessageKey(key: unknown): key is MessageKey {
  return isCatalogueKey(key) && !isServerOnlyKey(key);
}

export function translate(lang: Lang, key: CatalogueKey, vars: Vars = {}): string {
  // A key that is not a message (a bug) must not turn a 400 into a 500: say "invalid request".
  return fillIn(pick(isCatalogueKey(key) ? catalogue[key] : catalogue["error.400"], lang), vars);
}

export type ServerTranslate = (key: CatalogueKey, vars?: Vars) => string;

/** `t(key, vars)` for one language, on the server (components use useT, meta functions metaT). */
export function translator(lang: Lang): ServerTranslate {
  return (key, vars) => translate(lang, key, vars);
}

/** Both languages in one string, "ไทย / English": for refusals whose reader has not chosen one. */
export function bothLangs(key: CatalogueKey, vars?: Vars): string {
  return `${translate("th", key, vars)} / ${translate("en", key, vars)}`;
}

function messagesIn(lang: Lang): Messages {
  const entries = Object.entries(catalogue).filter(([key]) => !isServerOnlyKey(key));
  return Object.fromEntries(entries.map(([key, text]) => [key, pick(text, lang)])) as Messages;
}

const PAGE_MESSAGES: Record<Lang, string> = { th: JSON.stringify(messagesIn("th")), en: JSON.stringify(messagesIn("en")) };

/**
 * The texts a page may show, in its language only, as JSON text: the root loader sends them to the
 * browser (RootData.messages). Text, not an object: single fetch's turbo-stream writes an object as
 * a flat list of keys and values by index, which gzips ~4 KB worse in the document (decision 028).
 */
export function pageMessages(lang: Lang): string {
  return PAGE_MESSAGES[lang];
}

/**
 * The same few texts in both languages, for a page that shows both whatever its language (the
 * closed notice, the poster): its loader sends them, so the catalogue's other half stays here.
 */
export function inBothLangs<K extends MessageKey>(keys: readonly K[], vars?: Vars): Record<Lang, Record<K, string>> {
  const one = (lang: Lang) => Object.fromEntries(keys.map((key) => [key, translate(lang, key, vars)])) as Record<K, string>;
  return { th: one("th"), en: one("en") };
}
