// People and roles through the route actions (issue 15 → section 4), with a real SMTP server
// (npm smtp-server) catching every invitation and reset mail; the test follows the links in them.
// Invite → accept (policy refusals) → TOTP enrolment → recovery codes; dead links (used, expired,
// revoked, resent); disable; my account (change password, new recovery codes, sign out others);
// forgot password without enumeration; and the role-scope table (nobody grants, reads or acts
// beyond their scope). The app reads EMAIL_TRANSPORT once, so the server starts and process.env is
// set BEFORE any app module is imported (dynamic imports in beforeAll).
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type ParsedOutcome } from "../fixtures/http";

type Caught = { to: string[]; raw: Buffer };
const mails: Caught[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
      callback();
    });
  },
});

async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The newest mail to `address` after `seen` mails had arrived, and the link path in it. */
async function mailTo(address: string, seen: number) {
  const mail = await eventually(`a mail to ${address}`, () => mails.slice(seen).find((m) => m.to.includes(address)));
  const parsed = await simpleParser(mail.raw);
  const text = parsed.text ?? "";
  const path = text.match(/http:\/\/localhost:3000(\/admin\/(?:invite|password)\/[A-Za-z0-9_-]{43})/)?.[1];
  if (!path) throw new Error(`no link in ${text}`);
  return { text, subject: parsed.subject ?? "", messageId: parsed.messageId ?? "", path, token: path.split("/").pop()! };
}

const loadApp = async () => ({
  db: await import("~/db.server"),
  sessions: await import("~/models/admin-session.server"),
  users: await import("~/models/user.server"),
  agencies: await import("~/models/agency.server"),
  guard: await import("~/services/admin-guard.server"),
  invitations: await import("~/services/invitations.server"),
  outbox: await import("~/services/outbox.server"),
  totp: await import("~/utils/totp.server"),
  crypto: await import("~/utils/crypto.server"),
  layout: await import("~/routes/admin"),
  usersPage: await import("~/routes/admin.users"),
  account: await import("~/routes/admin.account"),
  invite: await import("~/routes/admin_.invite.$token"),
  password: await import("~/routes/admin_.password.$token"),
  forgot: await import("~/routes/admin_.password.forgot"),
  login: await import("~/routes/admin_.login._index"),
  setup: await import("~/routes/admin_.2fa.setup"),
});
let app: Awaited<ReturnType<typeof loadApp>>;

/** A cookie jar (not fixtures/db's: importing it would load the app before the env above is set). */
class CookieJar {
  private cookies = new Map<string, string>();
  absorb(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, ...rest] = pair.split("=");
      if (attributes.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join("="));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

type Handler = (args: any) => unknown;
let addresses = 0;
class Browser {
  readonly jar = new CookieJar();
  constructor(readonly address = `203.0.113.${(++addresses % 250) + 1}`) {}
  async call(handler: Handler, path: string, init: { body?: Record<string, string>; params?: Record<string, string> } = {}): Promise<ParsedOutcome> {
    const headers = new Headers(init.body ? { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" } : {});
    if (this.jar.header()) headers.set("Cookie", this.jar.header());
    const request = new Request(`http://localhost${path}`, {
      method: init.body ? "POST" : "GET",
      body: init.body ? new URLSearchParams(init.body) : undefined,
      headers,
    });
    const outcome = await run(() => handler({ request, params: init.params ?? {}, context: { clientAddress: this.address } }));
    this.jar.absorb(new Response(null, { headers: outcome.headers }));
    return outcome;
  }
  async signIn(token: string) {
    this.jar.absorb(new Response(null, { headers: { "Set-Cookie": await app.guard.adminCookie.serialize(token) } }));
    return this;
  }
  people(body?: Record<string, string>) {
    return this.call(body ? app.usersPage.action : app.usersPage.loader, "/admin/users", { body });
  }
}

/** A user with one grant and no password (no scrypt cost), signed in with 2FA done. */
async function signedInUser(
  email: string,
  grant: { role: "agency_admin" | "province_coordinator" | "national_assessor" | "system_admin"; agencyId?: string; provinceId?: string },
) {
  const user = await app.users.createAccount({
    email,
    name: email.split("@")[0],
    passwordHash: null,
    grant: { role: grant.role, agencyId: grant.agencyId ?? null, provinceId: grant.provinceId ?? null },
  });
  return { user, browser: await new Browser().signIn(await app.sessions.createAdminSession(user.id, true)) };
}

async function snapshot() {
  const { prisma } = app.db;
  const [users, grants, invitations, pending, tokens, liveSessions, disabled] = await Promise.all([
    prisma.user.count(),
    prisma.roleGrant.count(),
    prisma.invitation.count(),
    prisma.invitation.count({ where: { acceptedAt: null, revokedAt: null } }),
    prisma.passwordToken.count({ where: { usedAt: null } }),
    prisma.adminSession.count({ where: { revokedAt: null } }),
    prisma.user.count({ where: { disabledAt: { not: null } } }),
  ]);
  const hashes = (await prisma.user.findMany({ select: { passwordHash: true }, orderBy: { id: "asc" } })).map((u) => u.passwordHash);
  return { users, grants, invitations, pending, tokens, liveSessions, disabled, hashes };
}

const suffix = Math.random().toString(36).slice(2, 8);
const world = {} as {
  P1: string;
  P2: string;
  A1: string;
  A2: string;
  B1: string;
  A1code: string;
  A2code: string;
  B1code: string;
  P1code: string;
  P2code: string;
};
let sys: Awaited<ReturnType<typeof signedInUser>>;

beforeAll(async () => {
  const port = await new Promise<number>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as AddressInfo).port)));
  Object.assign(process.env, {
    EMAIL_TRANSPORT: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(port),
    SMTP_SECURE: "false",
    SMTP_FROM: "ITA test <people@ita.test>",
    OUTBOX_POLL_MS: "50",
  });
  app = await loadApp();
  // The mails are written to the outbox; this process's worker sends them, as a server's would.
  app.outbox.startOutboxWorker();
  const p1 = await app.agencies.createProvince({ code: `81${suffix}`, slug: `p1-${suffix}`, nameTh: "จังหวัดหนึ่ง", nameEn: "Province one" });
  const p2 = await app.agencies.createProvince({ code: `82${suffix}`, slug: `p2-${suffix}`, nameTh: "จังหวัดสอง", nameEn: "Province two" });
  const agency = (name: string, provinceId: string) =>
    app.agencies.createAgency({
      code: `${name}-${suffix}`,
      slug: `${name.toLowerCase()}-${suffix}`,
      nameTh: `หน่วยงาน ${name}`,
      nameEn: `Agency ${name}`,
      kind: "local_sao",
      provinceId,
    });
  const [a1, a2, b1] = [await agency("A1", p1.id), await agency("A2", p1.id), await agency("B1", p2.id)];
  Object.assign(world, {
    P1: p1.id,
    P2: p2.id,
    A1: a1.id,
    A2: a2.id,
    B1: b1.id,
    A1code: a1.code,
    A2code: a2.code,
    B1code: b1.code,
    P1code: p1.code,
    P2code: p2.code,
  });
  sys = await signedInUser(`sys-${suffix}@ita.test`, { role: "system_admin" });
});

afterAll(async () => {
  await app.outbox.stopOutboxWorker();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  for (const key of ["EMAIL_TRANSPORT", "SMTP_HOST", "SMTP_PORT", "SMTP_SECURE", "SMTP_FROM", "OUTBOX_POLL_MS"]) delete process.env[key];
});

describe("invitation: invite → accept → TOTP enrolment → recovery codes", () => {
  const email = `nok-${suffix}@ita.test`;
  let invitedBrowser: Browser;

  it("e-mails a 72 h single-use link, refuses weak passwords with nothing written, then enrols TOTP and shows recovery codes once", async () => {
    const seen = mails.length;
    const sent = await sys.browser.people({ intent: "invite", email, name: "Nok Tester", role: "agency_admin", agency: world.A1code, province: "" });
    expect(sent.status).toBe(200);
    expect(sent.body.message).toBe("people.users.invite.sent");
    const mail = await mailTo(email, seen);
    expect(mail.subject).toContain("Invitation to the ITA system");
    expect(mail.text).toContain("ผู้ดูแลหน่วยงาน");
    expect(mail.text).toContain("72");
    const invitation = await app.db.prisma.invitation.findFirstOrThrow({ where: { email } });
    expect(invitation.tokenHash).toBe(app.crypto.sha256(mail.token)); // only the hash is stored
    expect(JSON.stringify(await app.db.prisma.auditLog.findMany({ where: { target: `invitation:${invitation.id}` } }))).not.toContain(mail.token);

    invitedBrowser = new Browser();
    const page = await invitedBrowser.call(app.invite.loader, mail.path, { params: { token: mail.token } });
    expect(page.status).toBe(200);
    expect(page.body.state).toMatchObject({ ok: true, email, role: "agency_admin", needsPassword: true, name: "Nok Tester" });

    const before = await snapshot();
    const tries: Array<[Record<string, string>, string]> = [
      [{ name: "Nok Tester", password: "password123456" }, "people.password.common"],
      [{ name: "Nok Tester", password: "short one" }, "people.password.tooShort"],
      [{ name: "Nok Tester", password: `my ${email} forever` }, "people.password.personal"],
      [{ name: "Nok Tester", password: "tester of many things" }, "people.password.personal"],
      [{ name: "", password: "a calm river in the north" }, "people.refuse.nameInvalid"],
    ];
    for (const [body, message] of tries) {
      const refused = await invitedBrowser.call(app.invite.action, mail.path, { body, params: { token: mail.token } });
      expect(refused.status, message).toBe(400);
      expect(refused.body.message).toBe(message);
    }
    expect(await snapshot()).toEqual(before);

    const accepted = await invitedBrowser.call(app.invite.action, mail.path, {
      body: { name: "Nok Tester", password: "a calm river in the north" },
      params: { token: mail.token },
    });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/admin/2fa/setup");
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email }, include: { grants: true } });
    expect(user.grants).toMatchObject([{ role: "agency_admin", agencyId: world.A1 }]);
    expect(user.lastSignInAt).not.toBeNull();
    // The session cannot reach admin pages before TOTP enrolment.
    expect((await invitedBrowser.call(app.layout.loader, "/admin")).location).toBe("/admin/2fa/setup");
    const setup = await invitedBrowser.call(app.setup.loader, "/admin/2fa/setup");
    const code = await app.totp.totpAt(setup.body.secret, new Date());
    const enrolled = await invitedBrowser.call(app.setup.action, "/admin/2fa/setup", { body: { code } });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.recoveryCodes).toHaveLength(10);
    expect((await invitedBrowser.call(app.layout.loader, "/admin")).status).toBe(200);
    expect(await app.db.prisma.auditLog.count({ where: { action: "invitation.accept", actorId: user.id, target: `invitation:${invitation.id}` } })).toBe(1);

    // The link is single use: a clear 410 page, never a 500.
    const again = await new Browser().call(app.invite.loader, mail.path, { params: { token: mail.token } });
    expect(again.status).toBe(410);
    expect(again.body.state).toEqual({ ok: false, reason: "used" });
    const reuse = await new Browser().call(app.invite.action, mail.path, {
      body: { name: "X", password: "another calm river north" },
      params: { token: mail.token },
    });
    expect(reuse.status).toBe(410);
    expect(reuse.body.message).toBe("people.link.used");
  });

  it("an invitation to an existing user adds the grant to that account (no new password)", async () => {
    const seen = mails.length;
    await app.invitations.inviteUser({ email, role: "province_coordinator", provinceId: world.P2, invitedBy: null });
    const mail = await mailTo(email, seen);
    const page = await new Browser().call(app.invite.loader, mail.path, { params: { token: mail.token } });
    expect(page.body.state).toMatchObject({ ok: true, needsPassword: false });
    const accepted = await new Browser().call(app.invite.action, mail.path, { body: {}, params: { token: mail.token } });
    expect(accepted.location).toBe("/admin/login");
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email }, include: { grants: true } });
    expect(user.grants.map((grant) => grant.role).sort()).toEqual(["agency_admin", "province_coordinator"]);
    expect(await app.users.verifyLogin(email, "a calm river in the north")).not.toBeNull();
  });

  it("my account: change password (current needed; others signed out), new recovery codes (old ones die), sign out other sessions", async () => {
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email } });
    const other = await app.sessions.createAdminSession(user.id, true);
    const before = await snapshot();
    const wrong = await invitedBrowser.call(app.account.action, "/admin/account", {
      body: { intent: "change-password", currentPassword: "not my password at all", newPassword: "a fresh mountain lake view" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual({ currentPassword: "people.password.wrongCurrent" });
    const weak = await invitedBrowser.call(app.account.action, "/admin/account", {
      body: { intent: "change-password", currentPassword: "a calm river in the north", newPassword: "qwertyuiop123" },
    });
    expect(weak.body.errors).toEqual({ newPassword: "people.password.common" });
    expect(await snapshot()).toEqual(before);
    const changed = await invitedBrowser.call(app.account.action, "/admin/account", {
      body: { intent: "change-password", currentPassword: "a calm river in the north", newPassword: "a fresh mountain lake view" },
    });
    expect(changed.status).toBe(200);
    expect(await app.sessions.getAdminSession(other)).toBeNull();
    expect((await invitedBrowser.call(app.layout.loader, "/admin")).status).toBe(200);
    expect(await app.users.verifyLogin(email, "a calm river in the north")).toBeNull();
    expect(await app.users.verifyLogin(email, "a fresh mountain lake view")).not.toBeNull();

    const first = await invitedBrowser.call(app.account.action, "/admin/account", { body: { intent: "recovery-codes" } });
    const second = await invitedBrowser.call(app.account.action, "/admin/account", { body: { intent: "recovery-codes" } });
    expect(second.body.recoveryCodes).toHaveLength(10);
    expect(await app.users.useRecoveryCode(user.id, first.body.recoveryCodes[0])).toBe(false);
    expect(await app.users.useRecoveryCode(user.id, second.body.recoveryCodes[0])).toBe(true);

    const others = [await app.sessions.createAdminSession(user.id, true), await app.sessions.createAdminSession(user.id, false)];
    const out = await invitedBrowser.call(app.account.action, "/admin/account", { body: { intent: "sign-out-others" } });
    expect(out.body).toMatchObject({ ok: true, messageVars: { count: 2 } });
    for (const token of others) expect(await app.sessions.getAdminSession(token)).toBeNull();
    expect((await invitedBrowser.call(app.layout.loader, "/admin")).status).toBe(200);
    for (const action of ["password.change", "user.recovery-codes", "user.sign-out-others"]) {
      expect(await app.db.prisma.auditLog.count({ where: { action, outcome: "ok", target: `user:${user.id}` } })).toBeGreaterThanOrEqual(1);
    }
  });

  it("disable from the users page ends every session at once; enable lets the user back in", async () => {
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email } });
    const disabled = await sys.browser.people({ intent: "disable", userId: user.id });
    expect(disabled.status).toBe(200);
    expect((await invitedBrowser.call(app.layout.loader, "/admin")).location).toMatch(/^\/admin\/login/);
    expect(await app.users.verifyLogin(email, "a fresh mountain lake view")).toBeNull();
    await sys.browser.people({ intent: "enable", userId: user.id });
    expect(await app.users.verifyLogin(email, "a fresh mountain lake view")).not.toBeNull();
    // Reset 2FA: the next sign-in enrols again.
    expect((await sys.browser.people({ intent: "reset-2fa", userId: user.id })).status).toBe(200);
    const login = await new Browser().call(app.login.action, "/admin/login", { body: { email, password: "a fresh mountain lake view" } });
    expect(login.location).toBe("/admin/2fa/setup");
  });
});

describe("nobody disables, resets or demotes themselves", () => {
  it("refuses with a 400 and writes nothing", async () => {
    const own = await app.db.prisma.roleGrant.findFirstOrThrow({ where: { userId: sys.user.id } });
    for (const body of <Record<string, string>[]>[
      { intent: "disable", userId: sys.user.id },
      { intent: "reset-2fa", userId: sys.user.id },
      { intent: "revoke", userId: sys.user.id, grantId: own.id },
    ]) {
      const before = await snapshot();
      const refused = await sys.browser.people(body);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe("people.refuse.self");
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe("dead invitation links: expired, revoked, resent", () => {
  it("an expired link is a clear 410 and accepting it writes nothing", async () => {
    const email = `late-${suffix}@ita.test`;
    const seen = mails.length;
    const sent = await app.invitations.inviteUser({ email, role: "national_assessor", invitedBy: null });
    const mail = await mailTo(email, seen);
    await app.db.prisma.invitation.update({ where: { id: sent.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await new Browser().call(app.invite.loader, mail.path, { params: { token: mail.token } })).body.state).toEqual({ ok: false, reason: "expired" });
    const before = await snapshot();
    const post = await new Browser().call(app.invite.action, mail.path, {
      body: { name: "Late", password: "a calm river in the south" },
      params: { token: mail.token },
    });
    expect(post.status).toBe(410);
    expect(post.body.message).toBe("people.link.expired");
    expect(await snapshot()).toEqual(before);
    // Unknown or malformed tokens: the same clear page.
    expect((await new Browser().call(app.invite.loader, "/admin/invite/x", { params: { token: "x" } })).status).toBe(410);
    const unknown = "A".repeat(43);
    expect((await new Browser().call(app.invite.loader, `/admin/invite/${unknown}`, { params: { token: unknown } })).body.state).toEqual({
      ok: false,
      reason: "unknown",
    });
  });

  it("a withdrawn invitation's link is dead; resending kills the old link and gives 72 h again", async () => {
    const email = `maybe-${suffix}@ita.test`;
    let seen = mails.length;
    const sent = await app.invitations.inviteUser({ email, role: "agency_admin", agencyId: world.B1, invitedBy: null });
    const first = await mailTo(email, seen);
    await app.db.prisma.invitation.update({ where: { id: sent.invitationId }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    seen = mails.length;
    expect((await sys.browser.people({ intent: "resend", invitationId: sent.invitationId })).body.message).toBe("people.users.invite.sent");
    const second = await mailTo(email, seen);
    expect(second.token).not.toBe(first.token);
    expect((await new Browser().call(app.invite.loader, first.path, { params: { token: first.token } })).status).toBe(410);
    expect((await new Browser().call(app.invite.loader, second.path, { params: { token: second.token } })).status).toBe(200);
    const renewed = await app.db.prisma.invitation.findUniqueOrThrow({ where: { id: sent.invitationId } });
    expect((renewed.expiresAt.getTime() - Date.now()) / 3_600_000).toBeGreaterThan(71.9);

    expect((await sys.browser.people({ intent: "withdraw", invitationId: sent.invitationId })).status).toBe(200);
    expect((await new Browser().call(app.invite.loader, second.path, { params: { token: second.token } })).body.state).toEqual({
      ok: false,
      reason: "revoked",
    });
    const before = await snapshot();
    expect((await sys.browser.people({ intent: "resend", invitationId: sent.invitationId })).status).toBe(409);
    expect(await snapshot()).toEqual(before);
    for (const action of ["invitation.resend", "invitation.revoke"]) {
      expect(await app.db.prisma.auditLog.count({ where: { action, actorId: sys.user.id, target: `invitation:${sent.invitationId}` } })).toBe(1);
    }
  });
});

describe("inviteUser inside a caller's transaction (the register import)", () => {
  it("writes its mail to the outbox with the caller's client: a rollback leaves no invitation and no mail; a commit is sent by the worker", async () => {
    const email = `register-${suffix}@ita.test`;
    const seen = mails.length;
    const outboxBefore = await app.db.prisma.outboxMessage.count();
    let rolledBackId: string | null = null;
    const rolledBack = app.db.prisma.$transaction(async (tx) => {
      rolledBackId = (await app.invitations.inviteUser({ email, role: "agency_admin", agencyId: world.A1, invitedBy: null }, tx)).messageId;
      throw new Error("the import failed further down");
    });
    await expect(rolledBack).rejects.toThrow("the import failed further down");
    expect(rolledBackId).not.toBeNull();
    expect(await app.db.prisma.invitation.count({ where: { email } })).toBe(0);
    expect(await app.db.prisma.outboxMessage.count({ where: { id: rolledBackId! } })).toBe(0);
    expect(await app.db.prisma.outboxMessage.count()).toBe(outboxBefore);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mails.slice(seen).some((m) => m.to.includes(email))).toBe(false);

    const sent = await app.db.prisma.$transaction((tx) => app.invitations.inviteUser({ email, role: "agency_admin", agencyId: world.A1, invitedBy: null }, tx));
    expect(sent.messageId).not.toBeNull();
    const mail = await mailTo(email, seen);
    // The SMTP Message-ID carries the outbox id (a retry would carry the same one).
    expect(mail.messageId).toBe(`<${sent.messageId}@ita.test>`);
    const row = await eventually("the row marked sent", async () => {
      const found = await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: sent.messageId! } });
      return found.state === "sent" ? found : undefined;
    });
    expect(row).toMatchObject({ purpose: "invitation", channel: "email", payload: null, attempts: 1, lockedBy: null });
    expect((await new Browser().call(app.invite.loader, mail.path, { params: { token: mail.token } })).status).toBe(200);
  });
});

describe("forgot password, without account enumeration", () => {
  it("answers known and unknown e-mails the same; only the known one gets a 1 h single-use link, which ends every session", async () => {
    const email = `forgetful-${suffix}@ita.test`;
    const user = await app.users.createAccount({
      email,
      name: "Forgetful",
      passwordHash: null,
      grant: { role: "national_assessor", agencyId: null, provinceId: null },
    });
    const session = await app.sessions.createAdminSession(user.id, true);
    const seen = mails.length;
    const unknown = await new Browser().call(app.forgot.action, "/admin/password/forgot", { body: { email: `nobody-${suffix}@ita.test` } });
    const known = await new Browser().call(app.forgot.action, "/admin/password/forgot", { body: { email: email.toUpperCase() } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(known.body).toEqual({ ok: true, message: "people.forgot.sent" });
    const mail = await mailTo(email, seen);
    expect(mail.subject).toContain("Reset your ITA password");
    expect(mails.slice(seen).some((m) => m.to.includes(`nobody-${suffix}@ita.test`))).toBe(false);
    const token = await app.db.prisma.passwordToken.findUniqueOrThrow({ where: { id: app.crypto.sha256(mail.token) } });
    expect(token.purpose).toBe("reset");
    expect((token.expiresAt.getTime() - Date.now()) / 60_000).toBeGreaterThan(59);
    expect((token.expiresAt.getTime() - Date.now()) / 60_000).toBeLessThanOrEqual(60);

    const weak = await new Browser().call(app.password.action, mail.path, { body: { password: "forgetful forever and ever" }, params: { token: mail.token } });
    expect(weak.body.message).toBe("people.password.personal");
    expect(await app.sessions.getAdminSession(session)).not.toBeNull();
    const set = await new Browser().call(app.password.action, mail.path, { body: { password: "remembered at last, 2570" }, params: { token: mail.token } });
    expect(set.status).toBe(302);
    expect(await app.sessions.getAdminSession(session)).toBeNull();
    expect(await app.users.verifyLogin(email, "remembered at last, 2570")).not.toBeNull();
    expect((await new Browser().call(app.password.loader, mail.path, { params: { token: mail.token } })).body.state).toEqual({ ok: false, reason: "used" });
    expect(await app.db.prisma.auditLog.count({ where: { action: "password.reset", target: `user:${user.id}` } })).toBe(1);
  });

  it("an expired reset link is a clear 410", async () => {
    const email = `forgetful-${suffix}@ita.test`;
    const seen = mails.length;
    await new Browser().call(app.forgot.action, "/admin/password/forgot", { body: { email } });
    const mail = await mailTo(email, seen);
    await app.db.prisma.passwordToken.update({ where: { id: app.crypto.sha256(mail.token) }, data: { expiresAt: new Date(Date.now() - 1) } });
    const page = await new Browser().call(app.password.loader, mail.path, { params: { token: mail.token } });
    expect(page.status).toBe(410);
    expect(page.body.state).toEqual({ ok: false, reason: "expired" });
  });

  it("limits per e-mail (3 an hour) the same for known and unknown e-mails, and per client", async () => {
    const known = `forgetful-${suffix}@ita.test`; // two requests already this hour
    expect((await new Browser().call(app.forgot.action, "/admin/password/forgot", { body: { email: known } })).status).toBe(200);
    const knownLimited = await new Browser().call(app.forgot.action, "/admin/password/forgot", { body: { email: known } });
    const stranger = `stranger-${suffix}@ita.test`;
    for (let i = 0; i < 3; i++) expect((await new Browser().call(app.forgot.action, "/admin/password/forgot", { body: { email: stranger } })).status).toBe(200);
    const unknownLimited = await new Browser().call(app.forgot.action, "/admin/password/forgot", { body: { email: stranger } });
    expect(knownLimited.status).toBe(429);
    expect(unknownLimited.status).toBe(429);
    expect(unknownLimited.body.message).toBe(knownLimited.body.message);
    const client = new Browser();
    for (let i = 0; i < 10; i++)
      expect((await client.call(app.forgot.action, "/admin/password/forgot", { body: { email: `c${i}-${suffix}@ita.test` } })).status).toBe(200);
    expect((await client.call(app.forgot.action, "/admin/password/forgot", { body: { email: `c10-${suffix}@ita.test` } })).status).toBe(429);
  });
});

describe("role scopes on the users page: nobody grants, reads or acts beyond their scope", () => {
  type Actor = "assessor" | "coordP1" | "adminA1";
  const actors = {} as Record<Actor, Awaited<ReturnType<typeof signedInUser>>>;
  const targets = {} as Record<"tA2" | "tB1" | "tCoordP2" | "tAssessor2" | "tSys2", string>;

  beforeAll(async () => {
    actors.assessor = await signedInUser(`assessor-${suffix}@ita.test`, { role: "national_assessor" });
    actors.coordP1 = await signedInUser(`coord-${suffix}@ita.test`, { role: "province_coordinator", provinceId: world.P1 });
    actors.adminA1 = await signedInUser(`admina1-${suffix}@ita.test`, { role: "agency_admin", agencyId: world.A1 });
    targets.tA2 = (await signedInUser(`ta2-${suffix}@ita.test`, { role: "agency_admin", agencyId: world.A2 })).user.id;
    targets.tB1 = (await signedInUser(`tb1-${suffix}@ita.test`, { role: "agency_admin", agencyId: world.B1 })).user.id;
    targets.tCoordP2 = (await signedInUser(`tcoord-${suffix}@ita.test`, { role: "province_coordinator", provinceId: world.P2 })).user.id;
    targets.tAssessor2 = (await signedInUser(`tassessor-${suffix}@ita.test`, { role: "national_assessor" })).user.id;
    targets.tSys2 = (await signedInUser(`tsys-${suffix}@ita.test`, { role: "system_admin" })).user.id;
    for (const [name, id] of Object.entries(targets)) grantOf[name] = (await app.db.prisma.roleGrant.findFirstOrThrow({ where: { userId: id } })).id;
  });

  const grantOf: Record<string, string> = {};
  type Row = [Actor, string, () => Record<string, string>, number];
  const revoke = (target: keyof typeof targets) => () => ({ intent: "revoke", userId: targets[target], grantId: grantOf[target] });
  const invite =
    (role: string, agency = "", province = "") =>
    () => ({ intent: "invite", email: `inv-${Math.random().toString(36).slice(2, 8)}@ita.test`, role, agency, province });
  const act = (intent: string, target: keyof typeof targets) => () => ({ intent, userId: targets[target] });
  const grant =
    (target: keyof typeof targets, role: string, agency = "", province = "") =>
    () => ({ intent: "grant", userId: targets[target], role, agency, province });
  const TABLE: Row[] = [
    ["assessor", "invites an agency admin anywhere", () => invite("agency_admin", world.B1code)(), 200],
    ["assessor", "invites a province coordinator", () => invite("province_coordinator", "", world.P2code)(), 200],
    ["assessor", "may not invite an assessor", invite("national_assessor"), 403],
    ["assessor", "may not invite a system admin", invite("system_admin"), 403],
    ["assessor", "disables an agency admin", act("disable", "tB1"), 200],
    ["assessor", "may not disable another assessor", act("disable", "tAssessor2"), 403],
    ["assessor", "may not reset a system admin's 2FA", act("reset-2fa", "tSys2"), 403],
    ["assessor", "may not grant system_admin", () => grant("tA2", "system_admin")(), 403],
    ["coordP1", "invites an agency admin in P1", () => invite("agency_admin", world.A2code)(), 200],
    ["coordP1", "may not invite an agency admin in P2", () => invite("agency_admin", world.B1code)(), 403],
    ["coordP1", "may not invite a coordinator", () => invite("province_coordinator", "", world.P1code)(), 403],
    ["coordP1", "enables an agency admin in P1", act("enable", "tA2"), 200],
    ["coordP1", "may not disable an agency admin in P2", act("disable", "tB1"), 403],
    ["coordP1", "may not disable a coordinator", act("disable", "tCoordP2"), 403],
    ["coordP1", "grants agency admin of A1 to a P1 user", () => grant("tA2", "agency_admin", world.A1code)(), 200],
    ["coordP1", "may not grant agency admin of B1", () => grant("tA2", "agency_admin", world.B1code)(), 403],
    ["coordP1", "may not revoke a role of an agency admin in P2", revoke("tB1"), 403],
    ["assessor", "may not revoke a system admin's role", revoke("tSys2"), 403],
    ["adminA1", "may not revoke anyone's role", revoke("tA2"), 403],
    ["assessor", "revokes a coordinator's role", revoke("tCoordP2"), 200],
    ["adminA1", "may not invite anyone", () => invite("agency_admin", world.A1code)(), 403],
    ["adminA1", "may not disable anyone", act("disable", "tA2"), 403],
  ];

  it.each(TABLE)("%s %s", async (actor, _, body, status) => {
    const before = await snapshot();
    const result = await actors[actor].browser.people(body());
    expect(result.status).toBe(status);
    if (status === 403) {
      expect(typeof result.body === "string" ? result.body : result.body.message).toMatch(/people\.refuse\.scope|ไม่มีสิทธิ์/);
      expect(await snapshot()).toEqual(before);
    }
  });

  it("lists only the users in scope; an agency admin cannot open the page", async () => {
    const seenBy = async (actor: Actor) => ((await actors[actor].browser.people()).body.people as Array<{ id: string }>).map((person) => person.id);
    const coord = await seenBy("coordP1");
    expect(coord).toContain(targets.tA2);
    for (const hidden of [targets.tB1, targets.tCoordP2, targets.tAssessor2, targets.tSys2, sys.user.id]) expect(coord).not.toContain(hidden);
    const assessor = await seenBy("assessor");
    for (const shown of [targets.tA2, targets.tB1]) expect(assessor).toContain(shown);
    // tCoordP2 lost their only grant above: a user without grants is the system administrator's alone.
    for (const hidden of [targets.tAssessor2, targets.tSys2, targets.tCoordP2]) expect(assessor).not.toContain(hidden);
    expect((await actors.adminA1.browser.people()).status).toBe(403);
    const all = ((await sys.browser.people()).body.people as Array<{ id: string }>).map((person) => person.id);
    expect(all).toEqual(expect.arrayContaining(Object.values(targets)));
    // Pending invitations are scoped the same way: the coordinator sees only P1 agencies' ones.
    const pending = (await actors.coordP1.browser.people()).body.invitations as Array<{ agency: { code: string } | null }>;
    expect(pending.length).toBeGreaterThan(0);
    for (const row of pending) expect([world.A1code, world.A2code]).toContain(row.agency?.code);
  });
});
