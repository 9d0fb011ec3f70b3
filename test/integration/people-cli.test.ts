// The people commands (issue 15 → section 1): admin:create and users:*, run through the CLI's
// runner in this process against this file's database. Every refusal exits 2 with a Thai / English
// line and writes nothing; the operator is the actor (null in the audit), with full scope.
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "~/commands/index";
import { dbTarget, prisma } from "~/db.server";
import { createAdminSession, getAdminSession } from "~/models/admin-session.server";
import { createAgency, createProvince } from "~/models/agency.server";
import { beginTotpEnrolment, issueRecoveryCodes, verifyLogin } from "~/models/user.server";
import * as loginRoute from "~/routes/admin_.login._index";
import * as passwordRoute from "~/routes/admin_.password.$token";
import { randomId } from "~/utils/crypto.server";
import { run } from "../fixtures/http";

async function ita(args: string[], stdinText?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = (async function* () {
    if (stdinText !== undefined) yield Buffer.from(stdinText);
  })();
  const status = await runCli(args, { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) }, stdin });
  return { status, stdout: out.join(""), stderr: err.join("") };
}

/** Every table a people command writes, counted (and the live sessions), to prove a refusal wrote nothing. */
async function snapshot() {
  const [users, grants, invitations, tokens, audit, liveSessions, disabled, totp] = await Promise.all([
    prisma.user.count(),
    prisma.roleGrant.count(),
    prisma.invitation.count(),
    prisma.passwordToken.count(),
    prisma.auditLog.count(),
    prisma.adminSession.count({ where: { revokedAt: null } }),
    prisma.user.count({ where: { disabledAt: { not: null } } }),
    prisma.user.count({ where: { totpSecretEnc: { not: null } } }),
  ]);
  return { users, grants, invitations, tokens, audit, liveSessions, disabled, totp };
}

async function refused(args: string[], message: RegExp, stdinText?: string) {
  const before = await snapshot();
  const result = await ita(args, stdinText);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(/[\u0E00-\u0E7F].* \/ [A-Za-z]/); // Thai / English
  expect(await snapshot()).toEqual(before);
}

const post = (route: { action: Function }, path: string, body: Record<string, string>, params: Record<string, string> = {}) =>
  run(() =>
    route.action({
      request: new Request(`http://localhost${path}`, {
        method: "POST",
        body: new URLSearchParams(body),
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      }),
      params,
      context: { clientAddress: `198.51.100.${Math.floor(Math.random() * 250) + 1}` },
    }),
  );

const suffix = randomId().slice(0, 6);
const AGENCY_CODE = `AG-${suffix}`;
const PROVINCE_CODE = `9${suffix.slice(0, 3)}`;

beforeAll(async () => {
  const province = await createProvince({ code: PROVINCE_CODE, slug: `p-${suffix}`, nameTh: "จังหวัดทดสอบ", nameEn: "Test province" });
  await createAgency({ code: AGENCY_CODE, slug: `a-${suffix}`, nameTh: "หน่วยงานทดสอบ", nameEn: "Test agency", kind: "local_sao", provinceId: province.id });
});

describe(`admin:create (${dbTarget.provider})`, () => {
  const email = `root-${suffix}@ita.test`;

  it("creates a system administrator and prints a single-use set-password link; the first sign-in forces TOTP enrolment", async () => {
    const result = await ita(["admin:create", "--email", email, "--name", "ผู้ดูแล ระบบ", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.link).toMatch(/^http:\/\/localhost:3000\/admin\/password\/[A-Za-z0-9_-]{43}$/);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { grants: true, passwordTokens: true } });
    expect(user.passwordHash).toBeNull();
    expect(user.grants.map((grant) => grant.role)).toEqual(["system_admin"]);
    expect(user.passwordTokens).toHaveLength(1);
    const hours = (user.passwordTokens[0].expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    // Audit: the operator (no actor), the user as target, no token anywhere.
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "admin.create", target: `user:${user.id}` } });
    expect(audit.actorId).toBeNull();
    expect(JSON.stringify(audit)).not.toContain(out.link.split("/").pop());

    // No password yet: signing in fails like an unknown e-mail.
    expect(await verifyLogin(email, "anything at all here")).toBeNull();
    const token = out.link.split("/").pop();
    const set = await post(passwordRoute, `/admin/password/${token}`, { password: "a long admin passphrase 2570" }, { token });
    expect(set.status).toBe(302);
    expect(set.location).toBe("/admin/login?password=set");
    // The link is single use.
    const again = await post(passwordRoute, `/admin/password/${token}`, { password: "another long passphrase 2570" }, { token });
    expect(again.status).toBe(410);
    expect(again.body.message).toBe("people.link.used");

    // ADMIN_REQUIRE_2FA (the default, as in production): the first sign-in goes to TOTP enrolment only.
    const login = await post(loginRoute, "/admin/login", { email, password: "a long admin passphrase 2570" });
    expect(login.status).toBe(302);
    expect(login.location).toBe("/admin/2fa/setup");
    const session = await getAdminSession(await decodeCookie(login.headers.get("Set-Cookie")!));
    expect(session?.userId).toBe(user.id);
    expect(session?.twoFactorVerifiedAt).toBeNull();
  });

  it("refuses a second account with the same e-mail (exit 2, nothing written)", async () => {
    await refused(["admin:create", "--email", email.toUpperCase(), "--name", "Again"], /มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว \/ An account with this e-mail already exists/);
  });

  it("--password-stdin sets the password (policy applies: a weak one is refused with nothing written)", async () => {
    const other = `auto-${suffix}@ita.test`;
    await refused(["admin:create", "--email", other, "--name", "Auto", "--password-stdin"], /too common/, "password123456\n");
    await refused(["admin:create", "--email", other, "--name", "Auto", "--password-stdin"], /at least 12/, "short\n");
    await refused(["admin:create", "--email", "not-an-email", "--name", "Auto"], /Invalid e-mail/);
    await refused(["admin:create", "--name", "Auto"], /--email: ต้องระบุ \/ required/);
    const result = await ita(["admin:create", "--email", other, "--name", "Auto", "--password-stdin", "--json"], "stdin passphrase for robots 42\n");
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).link).toBeNull();
    expect(await verifyLogin(other, "stdin passphrase for robots 42")).not.toBeNull();
  });
});

async function decodeCookie(setCookie: string) {
  const { adminCookie } = await import("~/services/admin-guard.server");
  return (await adminCookie.parse(setCookie.split(";")[0])) as string;
}

describe(`users:* (${dbTarget.provider})`, () => {
  const invitee = `invitee-${suffix}@ita.test`;
  const member = `member-${suffix}@ita.test`;

  it("users:invite creates a pending invitation (72 h) for an agency by its register code; refusals write nothing", async () => {
    await refused(["users:invite", "--email", invitee, "--role", "agency_admin"], /agency admin needs an agency/);
    await refused(["users:invite", "--email", invitee, "--role", "agency_admin", "--agency", "NO-SUCH"], /No agency with this code/);
    await refused(["users:invite", "--email", invitee, "--role", "province_coordinator", "--province", "NO-SUCH"], /No province with this code/);
    await refused(["users:invite", "--email", invitee, "--role", "national_assessor", "--agency", AGENCY_CODE], /agency admin needs an agency/);
    await refused(["users:invite", "--email", invitee, "--role", "emperor"], /--role: บทบาทต้องเป็นหนึ่งใน/);
    await refused(["users:invite", "--email", "nobody", "--role", "national_assessor"], /Invalid e-mail/);
    const result = await ita(["users:invite", "--email", invitee, "--role", "agency_admin", "--agency", AGENCY_CODE, "--name", "Invited Person", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.link).toMatch(/\/admin\/invite\/[A-Za-z0-9_-]{43}$/); // console transport here: the operator passes it on
    const invitation = await prisma.invitation.findUniqueOrThrow({ where: { id: out.invitationId } });
    expect(invitation).toMatchObject({ email: invitee, role: "agency_admin", invitedById: null, acceptedAt: null, revokedAt: null });
    expect((invitation.expiresAt.getTime() - Date.now()) / 3_600_000).toBeGreaterThan(71.9);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "invitation.create", target: `invitation:${invitation.id}` } });
    expect(audit.actorId).toBeNull();
  });

  it("users:grant, users:list --json, users:revoke; refusals write nothing", async () => {
    await ita(["admin:create", "--email", member, "--name", "Member", "--password-stdin"], "a quiet harbour at dawn 77\n");
    await refused(["users:grant", "--email", `ghost-${suffix}@ita.test`, "--role", "national_assessor"], /No such user/);
    const granted = await ita(["users:grant", "--email", member, "--role", "province_coordinator", "--province", PROVINCE_CODE]);
    expect(granted.status, granted.stderr).toBe(0);
    await refused(["users:grant", "--email", member, "--role", "province_coordinator", "--province", PROVINCE_CODE], /already has this role/);

    const list = await ita(["users:list", "--json"]);
    expect(list.status).toBe(0);
    const listed = JSON.parse(list.stdout).users.find((user: { email: string }) => user.email === member);
    expect(listed).toMatchObject({ twoFactor: false, disabled: false, hasPassword: true, lastSignInAt: null });
    expect(listed.roles).toEqual(
      expect.arrayContaining([
        { role: "system_admin", agency: null, province: null },
        { role: "province_coordinator", agency: null, province: PROVINCE_CODE },
      ]),
    );
    expect((await ita(["users:list"])).stdout).toContain(`province_coordinator@province:${PROVINCE_CODE}`);

    await refused(["users:revoke", "--email", member, "--role", "agency_admin", "--agency", AGENCY_CODE], /does not have this role/);
    const revoked = await ita(["users:revoke", "--email", member, "--role", "province_coordinator", "--province", PROVINCE_CODE, "--json"]);
    expect(revoked.status, revoked.stderr).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: member }, include: { grants: true } });
    expect(user.grants.map((grant) => grant.role)).toEqual(["system_admin"]);
    expect(await prisma.auditLog.count({ where: { target: `user:${user.id}`, action: { in: ["user.grant", "user.revoke-role"] }, actorId: null } })).toBe(2);
  });

  it("users:disable ends every session at once; users:enable lets the user back; users:reset-2fa clears TOTP and recovery codes", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: member } });
    const tokens = [await createAdminSession(user.id, true), await createAdminSession(user.id, false)];
    await refused(["users:disable", "--email", `ghost-${suffix}@ita.test`], /No such user/);
    expect((await ita(["users:disable", "--email", member])).status).toBe(0);
    for (const token of tokens) expect(await getAdminSession(token)).toBeNull();
    expect(await prisma.adminSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await verifyLogin(member, "a quiet harbour at dawn 77")).toBeNull();
    expect((await ita(["users:enable", "--email", member])).status).toBe(0);
    expect(await verifyLogin(member, "a quiet harbour at dawn 77")).not.toBeNull();

    await beginTotpEnrolment(user.id);
    await prisma.user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date() } });
    await issueRecoveryCodes(user.id);
    const live = await createAdminSession(user.id, true);
    await refused(["users:reset-2fa", "--email", `ghost-${suffix}@ita.test`], /No such user/);
    expect((await ita(["users:reset-2fa", "--email", member])).status).toBe(0);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ totpSecretEnc: null, totpEnabledAt: null });
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await getAdminSession(live)).toBeNull();
    // The next sign-in enrols again.
    const login = await post(loginRoute, "/admin/login", { email: member, password: "a quiet harbour at dawn 77" });
    expect(login.location).toBe("/admin/2fa/setup");
    for (const action of ["user.disable", "user.enable", "user.reset-2fa"]) {
      expect(await prisma.auditLog.count({ where: { action, target: `user:${user.id}`, actorId: null } })).toBe(1);
    }
  });
});
