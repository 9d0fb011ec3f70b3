// `npm run ita -- users:<action>`: people and roles from the operator's console (docs/people-and-roles.md).
// The CLI acts as the operator: full scope, and the audit rows have no actor.
//   users:invite  --email E --role R [--agency CODE | --province CODE] [--name N]
//   users:list    [--json]
//   users:disable --email E      users:enable --email E      users:reset-2fa --email E
//   users:grant   --email E --role R [--agency CODE | --province CODE]
//   users:revoke  --email E --role R [--agency CODE | --province CODE]
// Agencies are named by their register code, provinces by their code. Bad input: exit 2, nothing written.
import { z } from "zod";
import { ROLES } from "~/domain/roles";
import { inviteUser } from "~/services/invitations.server";
import { deliverOwnMessages } from "~/services/outbox.server";
import { disableUser, enableUser, findUserIdByEmail, grantFromCodes, grantRole, listPeople, resetTwoFactor, revokeRole } from "~/services/people.server";
import { emailTransportName } from "~/utils/mailer.server";
import { asCommand } from "./admin";
import { defineCommand } from "./index";

const email = z.string().describe("อีเมลของผู้ใช้ / the user's e-mail");
const role = z
  .enum(ROLES, { error: `บทบาทต้องเป็นหนึ่งใน ${ROLES.join(", ")} / role must be one of ${ROLES.join(", ")}` })
  .describe(`บทบาท / role: ${ROLES.join(" | ")}`);
const agency = z.string().optional().describe("รหัสหน่วยงานในทะเบียน (ผู้ดูแลหน่วยงาน) / the agency's register code (agency_admin)");
const province = z.string().optional().describe("รหัสจังหวัด (ผู้ประสานงานจังหวัด) / the province code (province_coordinator)");

export const usersInvite = defineCommand({
  name: "users:invite",
  summary: { th: "เชิญผู้ใช้ทางอีเมล (ลิงก์ใช้ได้ 72 ชั่วโมง)", en: "invite someone by e-mail (the link is valid 72 h)" },
  ArgsSchema: z.object({ email, role, agency, province, name: z.string().optional().describe("ชื่อ / the name") }),
  async run(args) {
    const sent = await asCommand(async () => {
      const scope = await grantFromCodes({ role: args.role, agencyCode: args.agency, provinceCode: args.province });
      return inviteUser({ email: args.email, name: args.name, ...scope, invitedBy: null });
    });
    // The mail is in the outbox (docs/decisions/018): this command tries it once before it exits;
    // if that fails, a running server's outbox worker keeps trying.
    const outbox = await deliverOwnMessages();
    const delivered = sent.messageId !== null && outbox.sent > 0;
    const queued = sent.messageId !== null && outbox.pending > 0;
    // With a real mail server the link goes only to the invitee; on a demo or without mail, the operator passes it on.
    const showLink = emailTransportName() !== "smtp";
    const lines = [`เชิญ ${sent.email} แล้ว / Invited ${sent.email}.`];
    if (delivered) lines.push("ส่งอีเมลแล้ว / The e-mail was sent.");
    else if (queued) lines.push("ยังส่งอีเมลไม่ได้ เซิร์ฟเวอร์จะลองส่งอีกครั้ง / The e-mail is not sent yet; a running server keeps trying.");
    else lines.push("ส่งอีเมลไม่ได้ / The e-mail was not sent.");
    if (showLink) lines.push(`ลิงก์ (ใช้ได้ครั้งเดียว 72 ชั่วโมง) / Link (single use, 72 h): ${sent.link}`);
    return {
      json: { invitationId: sent.invitationId, email: sent.email, delivered, queued, link: showLink ? sent.link : null },
      text: lines.join("\n"),
    };
  },
});

export const usersList = defineCommand({
  name: "users:list",
  summary: { th: "รายชื่อผู้ใช้ บทบาท และสถานะ 2FA", en: "list users, their roles and 2FA status" },
  ArgsSchema: z.object({}),
  async run() {
    const people = await asCommand(() => listPeople(null));
    const json = people.map((person) => ({
      email: person.email,
      name: person.name,
      roles: person.grants.map((grant) => ({ role: grant.role, agency: grant.agency?.code ?? null, province: grant.province?.code ?? null })),
      twoFactor: person.twoFactor,
      hasPassword: person.hasPassword,
      disabled: person.disabled,
      lastSignInAt: person.lastSignInAt?.toISOString() ?? null,
    }));
    const text = json.length
      ? json
          .map((person) => {
            const roles = person.roles
              .map((grant) => grant.role + (grant.agency ? `@agency:${grant.agency}` : grant.province ? `@province:${grant.province}` : ""))
              .join(", ");
            const flags = [person.twoFactor ? "2fa" : "no-2fa", person.disabled ? "disabled" : null, person.hasPassword ? null : "no-password"]
              .filter(Boolean)
              .join(" ");
            return `${person.email}\t${person.name}\t${roles || "-"}\t${flags}\t${person.lastSignInAt ?? "never"}`;
          })
          .join("\n")
      : "ไม่มีผู้ใช้ / No users.";
    return { json: { users: json }, text };
  },
});

function byEmail(name: string, summary: { th: string; en: string }, act: (userId: string) => Promise<unknown>, done: string) {
  return defineCommand({
    name,
    summary,
    ArgsSchema: z.object({ email }),
    async run(args) {
      await asCommand(async () => act(await findUserIdByEmail(args.email)));
      return { json: { ok: true, email: args.email.trim().toLowerCase() }, text: `${done}: ${args.email.trim().toLowerCase()}` };
    },
  });
}

export const usersDisable = byEmail(
  "users:disable",
  { th: "ปิดบัญชี (เซสชันทั้งหมดสิ้นสุดทันที)", en: "disable an account (all its sessions end at once)" },
  (userId) => disableUser(null, userId),
  "ปิดบัญชีแล้ว / Disabled",
);
export const usersEnable = byEmail(
  "users:enable",
  { th: "เปิดบัญชีที่ถูกปิด", en: "enable a disabled account" },
  (userId) => enableUser(null, userId),
  "เปิดบัญชีแล้ว / Enabled",
);
export const usersReset2fa = byEmail(
  "users:reset-2fa",
  { th: "ล้าง 2FA และรหัสกู้คืน ผู้ใช้ต้องลงทะเบียนใหม่เมื่อเข้าระบบครั้งถัดไป", en: "clear 2FA and recovery codes; the user enrols again at the next sign-in" },
  (userId) => resetTwoFactor(null, userId),
  "รีเซ็ต 2FA แล้ว / 2FA reset",
);

function grantCommand(name: "users:grant" | "users:revoke") {
  const grant = name === "users:grant";
  return defineCommand({
    name,
    summary: grant ? { th: "เพิ่มบทบาทให้ผู้ใช้", en: "grant a role to a user" } : { th: "ถอนบทบาทของผู้ใช้", en: "revoke a role from a user" },
    ArgsSchema: z.object({ email, role, agency, province }),
    async run(args) {
      await asCommand(async () => {
        const scope = await grantFromCodes({ role: args.role, agencyCode: args.agency, provinceCode: args.province });
        const userId = await findUserIdByEmail(args.email);
        return grant ? grantRole(null, userId, scope) : revokeRole(null, userId, scope);
      });
      const what = `${args.role}${args.agency ? ` @agency:${args.agency}` : ""}${args.province ? ` @province:${args.province}` : ""}`;
      return {
        json: { ok: true, email: args.email.trim().toLowerCase(), role: args.role, agency: args.agency ?? null, province: args.province ?? null },
        text: `${grant ? "เพิ่มบทบาทแล้ว / Granted" : "ถอนบทบาทแล้ว / Revoked"}: ${args.email.trim().toLowerCase()} ${what}`,
      };
    },
  });
}

export const usersGrant = grantCommand("users:grant");
export const usersRevoke = grantCommand("users:revoke");
