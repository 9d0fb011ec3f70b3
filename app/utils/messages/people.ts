// UI messages for people and roles (invitations, passwords, users, the audit log). A file per feature keeps the catalogue
// (app/utils/i18n.server.ts spreads them in) readable; keys are "<feature>.<what>".
import type { Bilingual } from "~/utils/i18n";

export const peopleMessages = {
  // ───── roles ─────
  "people.role.agency_admin": { th: "ผู้ดูแลหน่วยงาน", en: "Agency admin" },
  "people.role.province_coordinator": { th: "ผู้ประสานงานจังหวัด", en: "Province coordinator" },
  "people.role.national_assessor": { th: "ผู้ประเมิน (สำนักงาน ป.ป.ช.)", en: "National assessor (NACC)" },
  "people.role.system_admin": { th: "ผู้ดูแลระบบ", en: "System administrator" },
  "people.scope.all": { th: "ทั้งประเทศ", en: "Nationwide" },

  // ───── refusals (services; the CLI prints them in both languages) ─────
  "people.refuse.scope": { th: "ไม่มีสิทธิ์: ผู้ใช้หรือบทบาทนี้อยู่นอกขอบเขตของท่าน", en: "Not allowed: this user or role is beyond your scope" },
  "people.refuse.userNotFound": { th: "ไม่พบผู้ใช้", en: "No such user" },
  "people.refuse.emailTaken": { th: "มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว", en: "An account with this e-mail already exists" },
  "people.refuse.emailInvalid": { th: "อีเมลไม่ถูกต้อง", en: "Invalid e-mail address" },
  "people.refuse.nameInvalid": { th: "กรุณาระบุชื่อ (ไม่เกิน 120 ตัวอักษร)", en: "Please give a name (at most 120 characters)" },
  "people.refuse.alreadyHasRole": { th: "ผู้ใช้นี้มีบทบาทนี้อยู่แล้ว", en: "This user already has this role" },
  "people.refuse.noSuchGrant": { th: "ผู้ใช้นี้ไม่มีบทบาทนี้", en: "This user does not have this role" },
  "people.refuse.agencyNotFound": { th: "ไม่พบหน่วยงานรหัสนี้", en: "No agency with this code" },
  "people.refuse.provinceNotFound": { th: "ไม่พบจังหวัดรหัสนี้", en: "No province with this code" },
  "people.refuse.scopeShape": {
    th: "ผู้ดูแลหน่วยงานต้องระบุหน่วยงาน ผู้ประสานงานจังหวัดต้องระบุจังหวัด บทบาทอื่นไม่ต้องระบุ",
    en: "An agency admin needs an agency, a province coordinator a province, other roles neither",
  },
  "people.refuse.self": { th: "ไม่สามารถทำรายการนี้กับบัญชีของตนเองได้", en: "You cannot do this to your own account" },
  "people.refuse.notPending": { th: "คำเชิญนี้ไม่ได้รอการตอบรับแล้ว", en: "This invitation is no longer pending" },
  "people.refuse.noMail": { th: "ระบบยังไม่ได้ตั้งค่าการส่งอีเมล จึงส่งคำเชิญไม่ได้", en: "E-mail is not configured, so invitations cannot be sent" },
  "people.refuse.invalid": { th: "ข้อมูลไม่ถูกต้อง", en: "Invalid input" },
  "people.refuse.limited": { th: "ทำรายการบ่อยเกินไป กรุณาลองใหม่ในอีก {minutes} นาที", en: "Too many attempts. Try again in {minutes} minutes" },

  // ───── passwords ─────
  "people.password.tooShort": { th: "รหัสผ่านต้องยาวอย่างน้อย 12 ตัวอักษร", en: "The password must be at least 12 characters long" },
  "people.password.tooLong": { th: "รหัสผ่านต้องไม่เกิน 128 ตัวอักษร", en: "The password must be at most 128 characters long" },
  "people.password.common": {
    th: "รหัสผ่านนี้ถูกใช้กันมากหรือเดาง่าย กรุณาใช้วลีที่ยาวและไม่ซ้ำใคร",
    en: "This password is too common or easy to guess; please use a long, unusual phrase",
  },
  "people.password.personal": { th: "รหัสผ่านต้องไม่มีอีเมลหรือชื่อของท่าน", en: "The password must not contain your e-mail or name" },
  "people.password.wrongCurrent": { th: "รหัสผ่านปัจจุบันไม่ถูกต้อง", en: "The current password is wrong" },
  "people.password.busy": { th: "ระบบกำลังยุ่ง กรุณาลองใหม่ในอีกสักครู่", en: "The system is busy; please try again in a moment" },
  "people.password.hint": { th: "อย่างน้อย 12 ตัวอักษร วลียาว ๆ จำง่ายดีที่สุด", en: "At least 12 characters; a long phrase you remember is best" },

  // ───── links (invitation, set-password, reset) ─────
  "people.link.unknown": { th: "ลิงก์นี้ใช้ไม่ได้ กรุณาตรวจสอบว่าคัดลอกลิงก์มาครบ", en: "This link is not valid. Please check you copied all of it" },
  "people.link.expired": { th: "ลิงก์นี้หมดอายุแล้ว กรุณาขอลิงก์ใหม่", en: "This link has expired. Please ask for a new one" },
  "people.link.used": { th: "ลิงก์นี้ถูกใช้ไปแล้ว", en: "This link has already been used" },
  "people.link.revoked": { th: "คำเชิญนี้ถูกยกเลิกแล้ว", en: "This invitation has been withdrawn" },
  "people.link.title": { th: "ลิงก์ใช้ไม่ได้", en: "Link not usable" },
  "people.link.signIn": { th: "ไปหน้าเข้าสู่ระบบ", en: "Go to sign-in" },

  // ───── invitation page ─────
  "people.invite.title": { th: "ตอบรับคำเชิญ", en: "Accept the invitation" },
  "people.invite.body": { th: "ท่านได้รับเชิญเป็น {role} ({scope}) ด้วยอีเมล {email}", en: "You are invited as {role} ({scope}) with the e-mail {email}" },
  "people.invite.existing": {
    th: "ท่านมีบัญชีอยู่แล้ว การตอบรับจะเพิ่มบทบาทนี้ให้บัญชีเดิม",
    en: "You already have an account; accepting adds this role to it",
  },
  "people.invite.name": { th: "ชื่อ-นามสกุล", en: "Full name" },
  "people.invite.password": { th: "ตั้งรหัสผ่าน", en: "Choose a password" },
  "people.invite.accept": { th: "ตอบรับ", en: "Accept" },
  "people.invite.accepted": { th: "เพิ่มบทบาทแล้ว กรุณาเข้าสู่ระบบ", en: "The role was added. Please sign in" },

  // ───── set / reset password page ─────
  "people.reset.title": { th: "ตั้งรหัสผ่าน", en: "Set your password" },
  "people.reset.body": { th: "ตั้งรหัสผ่านใหม่สำหรับ {email} เซสชันอื่นทั้งหมดจะสิ้นสุด", en: "Set a new password for {email}. All other sessions will end" },
  "people.reset.password": { th: "รหัสผ่านใหม่", en: "New password" },
  "people.reset.submit": { th: "บันทึกรหัสผ่าน", en: "Save the password" },
  "people.reset.done": { th: "ตั้งรหัสผ่านแล้ว กรุณาเข้าสู่ระบบ", en: "Your password is set. Please sign in" },

  // ───── forgot password ─────
  "people.forgot.link": { th: "ลืมรหัสผ่าน?", en: "Forgot your password?" },
  "people.forgot.title": { th: "ลืมรหัสผ่าน", en: "Forgot password" },
  "people.forgot.body": {
    th: "กรอกอีเมลของบัญชี ระบบจะส่งลิงก์ตั้งรหัสผ่านใหม่ (ใช้ได้ 1 ชั่วโมง)",
    en: "Enter your account's e-mail; we will send a link to set a new password (valid 1 hour)",
  },
  "people.forgot.email": { th: "อีเมล", en: "E-mail" },
  "people.forgot.submit": { th: "ส่งลิงก์", en: "Send the link" },
  "people.forgot.sent": {
    th: "หากมีบัญชีที่ใช้อีเมลนี้ ระบบได้ส่งลิงก์ไปแล้ว กรุณาตรวจสอบกล่องจดหมาย",
    en: "If an account uses this e-mail, a link is on its way. Please check your inbox",
  },

  // ───── e-mails ─────
  "people.mail.invite.subject": { th: "คำเชิญเข้าใช้ระบบ ITA", en: "Invitation to the ITA system" },
  "people.mail.invite.body": {
    th: "ท่านได้รับเชิญเป็น {role} ในระบบเก็บแบบสำรวจ ITA กรุณาเปิดลิงก์นี้ภายใน 72 ชั่วโมงเพื่อตั้งรหัสผ่าน:\n{link}",
    en: "You are invited as {role} in the ITA survey system. Open this link within 72 hours to set your password:\n{link}",
  },
  "people.mail.reset.subject": { th: "ตั้งรหัสผ่านใหม่ ระบบ ITA", en: "Reset your ITA password" },
  "people.mail.reset.body": {
    th: "มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีนี้ ลิงก์ใช้ได้ 1 ชั่วโมงและใช้ได้ครั้งเดียว:\n{link}\nหากท่านไม่ได้ขอ ไม่ต้องทำอะไร",
    en: "Someone asked to reset this account's password. The link works once, for 1 hour:\n{link}\nIf it was not you, do nothing",
  },
  "people.mail.footer": { th: "อีเมลนี้ส่งโดยอัตโนมัติ", en: "This e-mail was sent automatically" },

  // ───── the users page ─────
  "people.users.title": { th: "ผู้ใช้และบทบาท", en: "People and roles" },
  "people.users.none": { th: "ยังไม่มีผู้ใช้ในขอบเขตของท่าน", en: "No users in your scope yet" },
  "people.users.email": { th: "อีเมล", en: "E-mail" },
  "people.users.name": { th: "ชื่อ", en: "Name" },
  "people.users.roles": { th: "บทบาท", en: "Roles" },
  "people.users.twoFactor": { th: "2FA", en: "2FA" },
  "people.users.twoFactor.on": { th: "เปิดแล้ว", en: "On" },
  "people.users.twoFactor.off": { th: "ยังไม่ลงทะเบียน", en: "Not enrolled" },
  "people.users.lastSignIn": { th: "เข้าระบบล่าสุด", en: "Last sign-in" },
  "people.users.never": { th: "ยังไม่เคย", en: "Never" },
  "people.users.disabled": { th: "ปิดการใช้งาน", en: "Disabled" },
  "people.users.actions": { th: "จัดการ", en: "Actions" },
  "people.users.disable": { th: "ปิดบัญชี", en: "Disable" },
  "people.users.enable": { th: "เปิดบัญชี", en: "Enable" },
  "people.users.reset2fa": { th: "รีเซ็ต 2FA", en: "Reset 2FA" },
  "people.users.revoke": { th: "ถอนบทบาท", en: "Revoke" },
  "people.users.grant": { th: "เพิ่มบทบาท", en: "Grant a role" },
  "people.users.saved": { th: "บันทึกแล้ว", en: "Saved" },
  "people.users.invite.title": { th: "เชิญผู้ใช้", en: "Invite someone" },
  "people.users.invite.submit": { th: "ส่งคำเชิญ", en: "Send the invitation" },
  "people.users.invite.sent": { th: "ส่งคำเชิญแล้ว", en: "Invitation sent" },
  "people.users.invite.notSent": {
    th: "บันทึกคำเชิญแล้ว แต่ส่งอีเมลไม่สำเร็จ กรุณากดส่งซ้ำภายหลัง",
    en: "The invitation was saved but the e-mail failed; please resend it later",
  },
  "people.users.role": { th: "บทบาท", en: "Role" },
  "people.users.agency": { th: "รหัสหน่วยงาน (สำหรับผู้ดูแลหน่วยงาน)", en: "Agency code (for an agency admin)" },
  "people.users.province": { th: "รหัสจังหวัด (สำหรับผู้ประสานงานจังหวัด)", en: "Province code (for a province coordinator)" },
  "people.users.pending": { th: "คำเชิญที่รอการตอบรับ", en: "Pending invitations" },
  "people.users.pending.none": { th: "ไม่มีคำเชิญที่รอ", en: "No pending invitations" },
  "people.users.expires": { th: "หมดอายุ", en: "Expires" },
  "people.users.expired": { th: "หมดอายุแล้ว", en: "Expired" },
  "people.users.resend": { th: "ส่งซ้ำ", en: "Resend" },
  "people.users.withdraw": { th: "ยกเลิกคำเชิญ", en: "Withdraw" },

  // ───── my account ─────
  "people.account.title": { th: "บัญชีของฉัน", en: "My account" },
  "people.account.password.title": { th: "เปลี่ยนรหัสผ่าน", en: "Change password" },
  "people.account.password.current": { th: "รหัสผ่านปัจจุบัน", en: "Current password" },
  "people.account.password.new": { th: "รหัสผ่านใหม่", en: "New password" },
  "people.account.password.submit": { th: "เปลี่ยนรหัสผ่าน", en: "Change the password" },
  "people.account.password.changed": { th: "เปลี่ยนรหัสผ่านแล้ว เซสชันอื่นทั้งหมดสิ้นสุดแล้ว", en: "Password changed; all other sessions have ended" },
  "people.account.recovery.title": { th: "รหัสกู้คืน", en: "Recovery codes" },
  "people.account.recovery.body": {
    th: "สร้างชุดใหม่ รหัสเดิมทั้งหมดจะใช้ไม่ได้ทันที",
    en: "Make a new set; every old code stops working at once",
  },
  "people.account.recovery.submit": { th: "สร้างรหัสกู้คืนใหม่", en: "New recovery codes" },
  "people.account.recovery.shown": { th: "จดเก็บรหัสเหล่านี้ไว้ในที่ปลอดภัย จะแสดงเพียงครั้งเดียว", en: "Keep these codes somewhere safe; they are shown only once" },
  "people.account.sessions.title": { th: "เซสชัน", en: "Sessions" },
  "people.account.sessions.body": { th: "ออกจากระบบในอุปกรณ์อื่นทั้งหมด", en: "Sign out on every other device" },
  "people.account.sessions.submit": { th: "ออกจากระบบที่อื่น", en: "Sign out other sessions" },
  "people.account.sessions.done": { th: "ออกจากระบบเซสชันอื่นแล้ว {count} เซสชัน", en: "{count} other sessions signed out" },
} satisfies Record<string, Bilingual>;
