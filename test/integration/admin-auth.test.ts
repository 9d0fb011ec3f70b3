// Admin sign-in (issue 5, shared/security.md → Sessions/CSRF, Audit): password login with an
// opaque DB-backed session cookie, TOTP enrolment and second factor (fixed clock for the model,
// the real clock for the routes), recovery codes, throttling, idle/absolute expiry, logout and the
// audit trail. Routes are driven like a browser would, with a cookie jar.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { run, type ParsedOutcome } from "../fixtures/http";
import { dbTarget, prisma } from "~/db.server";
import { ADMIN_ABSOLUTE_SECONDS, ADMIN_IDLE_SECONDS, createAdminSession } from "~/models/admin-session.server";
import { secondsLeft } from "~/models/rate-limit.server";
import {
  acceptTotp,
  beginTotpEnrolment,
  createUser,
  issueRecoveryCodes,
  readTotpSecret,
  RECOVERY_CODE_COUNT,
  useRecoveryCode,
  type RoleScope,
} from "~/models/user.server";
import * as setupRoute from "~/routes/admin_.2fa.setup";
import * as homeRoute from "~/routes/admin._index";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import * as loginRoute from "~/routes/admin_.login._index";
import * as secondFactorRoute from "~/routes/admin_.login.2fa";
import * as logoutRoute from "~/routes/admin_.logout";
import { adminCookie, requireAdmin, twoFactorRequired } from "~/services/admin-guard.server";
import { randomId, sha256 } from "~/utils/crypto.server";
import { totpAt } from "~/utils/totp.server";
import { CookieJar, registeredAgency } from "../fixtures/db";

// ───────────── driving the routes ─────────────

/** What a loader or action answered, whether it returned or threw, as a Response or data(). */
type Outcome = ParsedOutcome;

type Route = (args: ActionFunctionArgs & LoaderFunctionArgs) => unknown;
type CallOptions = { method?: string; body?: BodyInit; headers?: Record<string, string>; params?: Record<string, string>; cookie?: string };

let addresses = 0;
/** A distinct client address per browser, so per-client limits do not leak between tests. */
function nextAddress() {
  addresses++;
  return `192.0.2.${(addresses % 250) + 1}`;
}

/** One browser: a cookie jar and a client address. */
class Browser {
  readonly jar = new CookieJar();
  constructor(readonly address = nextAddress()) {}

  async call(route: Route, path: string, init: CallOptions = {}) {
    const headers = new Headers(init.headers);
    const cookie = init.cookie ?? this.jar.header();
    if (cookie) headers.set("Cookie", cookie);
    const request = new Request(`http://localhost${path}`, { method: init.method ?? "GET", body: init.body, headers });
    const outcome = await run(() => route({ request, params: init.params ?? {}, context: { clientAddress: this.address } }));
    if (init.cookie === undefined) this.jar.absorb(new Response(null, { headers: outcome.headers }));
    return outcome;
  }
  get(route: Route, path: string, init: Omit<CallOptions, "method" | "body"> = {}) {
    return this.call(route, path, init);
  }
  post(route: Route, path: string, fields: Record<string, string>, init: Omit<CallOptions, "method" | "body"> = {}) {
    return this.call(route, path, {
      ...init,
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...init.headers },
    });
  }
  /** Put a session token in the jar, as the login would. */
  async adopt(token: string) {
    this.jar.absorb(new Response(null, { headers: { "Set-Cookie": await adminCookie.serialize(token) } }));
    return this;
  }
  async token(): Promise<string | null> {
    return (await adminCookie.parse(this.jar.header())) ?? null;
  }

  login(email: string, password: string) {
    return this.post(loginRoute.action as Route, "/admin/login", { email, password });
  }
  home(init: Omit<CallOptions, "method" | "body"> = {}) {
    return this.get(homeRoute.loader as Route, "/admin", init);
  }
  setupPage() {
    return this.get(setupRoute.loader as Route, "/admin/2fa/setup");
  }
  confirmSetup(code: string) {
    return this.post(setupRoute.action as Route, "/admin/2fa/setup", { code });
  }
  secondFactorPage() {
    return this.get(secondFactorRoute.loader as Route, "/admin/login/2fa");
  }
  secondFactor(code: string) {
    return this.post(secondFactorRoute.action as Route, "/admin/login/2fa", { code });
  }
  logout(headers: Record<string, string> = { "Sec-Fetch-Site": "same-origin", Origin: "http://localhost" }) {
    return this.post(logoutRoute.action as Route, "/admin/logout", {}, { headers });
  }
}

// ───────────── fixtures ─────────────

let users = 0;
async function newAdmin(scope: RoleScope = { role: "system_admin" }) {
  users++;
  const email = `admin${users}-${randomId().slice(0, 6)}@test.ita.local`;
  const password = `pass-${randomId()}`;
  const user = await createUser({ email, name: `ผู้ดูแลทดสอบ ${users}`, password, scope });
  return { user, email, password };
}

/** A 6-digit code that is none of the codes valid around `now` (so it is wrong, not unlucky). */
async function wrongTotp(secret: string, now = new Date()) {
  const near = new Set(await Promise.all([-90, -60, -30, 0, 30, 60, 90].map((s) => totpAt(secret, new Date(now.getTime() + s * 1000)))));
  for (let n = 0; ; n++) {
    const code = String((123_457 + n * 7919) % 1_000_000).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}

/** Sign in with the password and enrol TOTP through the routes; returns the signed-in browser. */
async function enrolledAdmin(scope?: RoleScope) {
  const account = await newAdmin(scope);
  const browser = new Browser();
  const login = await browser.login(account.email, account.password);
  expect(login.location).toBe("/admin/2fa/setup");
  const page = await browser.setupPage();
  expect(page.status).toBe(200);
  const secret = page.body.secret as string;
  const confirmed = await browser.confirmSetup(await totpAt(secret, new Date()));
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return { ...account, browser, secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

/** The code of the next 30-second step: valid now (±1 step), and later than any step used so far. */
function nextStepCode(secret: string) {
  return totpAt(secret, new Date(Date.now() + 30_000));
}

/** Fixed-window limits: start a burst of counted requests well inside one window. */
async function awayFromWindowEdge(seconds: number, margin = 15) {
  const left = secondsLeft(new Date(), seconds);
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
}

const sessionRow = (token: string) => prisma.adminSession.findUnique({ where: { id: sha256(token) } });

// ───────────── the tests ─────────────

describe(`admin sign-in (${dbTarget.provider})`, () => {
  it("runs with ADMIN_REQUIRE_2FA on (the default outside the demo)", () => {
    expect(twoFactorRequired()).toBe(true);
  });

  it("password login sets an HttpOnly SameSite=Strict cookie holding an opaque token whose SHA-256 is the session id", async () => {
    const { user, email, password } = await newAdmin();
    const browser = new Browser();
    const login = await browser.login(email.toUpperCase(), password);
    expect(login.status).toBe(302);
    const setCookie = login.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^ita_admin=[^;]+;/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);

    const token = await browser.token();
    expect(typeof token).toBe("string");
    // ≥ 128 bits of base64url, and nothing about the user in it.
    expect(token!).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    for (const text of [token!, setCookie, decodeURIComponent(setCookie)]) {
      expect(text).not.toContain(user.id);
      expect(text.toLowerCase()).not.toContain(email.toLowerCase());
    }
    const rows = await prisma.adminSession.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(sha256(token!));
    expect(rows[0].id).not.toBe(token);
    expect(rows[0].twoFactorVerifiedAt).toBeNull();
  });

  it("with 2FA required a fresh user is sent to /admin/2fa/setup and cannot load /admin or a dashboard", async () => {
    const { agency } = await registeredAgency();
    const { email, password } = await newAdmin();
    const browser = new Browser();
    const login = await browser.login(email, password);
    expect(login.location).toBe("/admin/2fa/setup");

    const home = await browser.home();
    expect(home.status).toBe(302);
    expect(home.location).toBe("/admin/2fa/setup");
    const dashboard = await browser.get(dashboardRoute.loader as Route, `/admin/agencies/${agency.slug}`, { params: { slug: agency.slug } });
    expect(dashboard.status).toBe(302);
    expect(dashboard.location).toBe("/admin/2fa/setup");
    const change = await browser.post(
      dashboardRoute.action as Route,
      `/admin/agencies/${agency.slug}`,
      { intent: "rotate-code" },
      { params: { slug: agency.slug } },
    );
    expect(change.status).toBe(302);
    // The second-factor page is not a way round enrolment either.
    expect((await browser.secondFactorPage()).location).toBe("/admin/2fa/setup");
    // Without any cookie: the login page, remembering where the admin wanted to go.
    const anonymous = await new Browser().home();
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/admin/login?redirectTo=%2Fadmin");
  });

  it("enrolment: QR and raw key shown, secret encrypted at rest, wrong code refused, right code enables 2FA, 10 recovery codes, session id rotated", async () => {
    const { user, email, password } = await newAdmin();
    const browser = new Browser();
    await browser.login(email, password);
    const passwordToken = (await browser.token())!;

    const page = await browser.setupPage();
    expect(page.status).toBe(200);
    expect(page.body.qr).toMatch(/^<svg[\s>]/);
    expect(page.body.qr).toContain("</svg>");
    const secret = page.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // base32, 160 bits
    // Reloading the page shows the same pending secret (no silent re-keying).
    expect((await browser.setupPage()).body.secret).toBe(secret);

    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpSecretEnc).toBeTruthy();
    expect(stored.totpSecretEnc).not.toContain(secret);
    expect(stored.totpSecretEnc!.toUpperCase()).not.toContain(secret);
    expect(readTotpSecret(stored)).toBe(secret);
    expect(stored.totpEnabledAt).toBeNull();

    const wrong = await browser.confirmSetup(await wrongTotp(secret));
    expect(wrong.status).toBe(400);
    expect(wrong.body.recoveryCodes).toBeUndefined();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    for (const malformed of ["12345", "1234567", "abcdef", ""]) {
      expect((await browser.confirmSetup(malformed)).status).toBe(400);
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();

    const right = await browser.confirmSetup(await totpAt(secret, new Date()));
    expect(right.status).toBe(200);
    const codes = right.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    // Only keyed hashes are kept.
    const hashes = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes).toHaveLength(10);
    for (const row of hashes) {
      expect(row.usedAt).toBeNull();
      for (const code of codes) {
        expect(row.codeHash).not.toContain(code);
        expect(row.codeHash).not.toContain(code.replace("-", ""));
      }
    }
    const enabled = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(enabled.totpEnabledAt).not.toBeNull();

    // The session id rotated: the old cookie is dead, the new one is a full admin session.
    const newToken = (await browser.token())!;
    expect(newToken).not.toBe(passwordToken);
    expect((await sessionRow(passwordToken))!.revokedAt).not.toBeNull();
    const oldCookie = await adminCookie.serialize(passwordToken);
    const withOld = await browser.home({ cookie: oldCookie.split(";")[0] });
    expect(withOld.status).toBe(302);
    expect(withOld.location).toMatch(/^\/admin\/login\?/);
    const withNew = await browser.home();
    expect(withNew.status).toBe(200);
    expect((await sessionRow(newToken))!.twoFactorVerifiedAt).not.toBeNull();
    // A second enrolment cannot be started over a live 2FA: the page (which the enrolment's own
    // revalidation reloads, so it must not navigate away from the recovery codes) says 2FA is on,
    // shows no new key and leaves the enrolled secret as it is.
    const enrolledSecret = (await prisma.user.findUniqueOrThrow({ where: { email } })).totpSecretEnc;
    const again = await browser.setupPage();
    expect([again.status, again.location]).toEqual([200, null]);
    expect(again.body).toMatchObject({ enrolled: true, secret: null, qr: null });
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).totpSecretEnc).toBe(enrolledSecret);

    // Signing in again now asks for the second factor, and only that.
    const secondBrowser = new Browser();
    const login = await secondBrowser.login(email, password);
    expect(login.status).toBe(302);
    expect(login.location).toBe("/admin/login/2fa");
    expect((await secondBrowser.home()).location).toBe("/admin/login/2fa");
    expect((await secondBrowser.setupPage()).location).toBe("/admin/login/2fa");
    const beforeSecond = (await secondBrowser.token())!;
    const passed = await secondBrowser.secondFactor(await nextStepCode(secret));
    expect(passed.status).toBe(302);
    expect(passed.location).toBe("/admin");
    expect(await secondBrowser.token()).not.toBe(beforeSecond);
    expect((await sessionRow(beforeSecond))!.revokedAt).not.toBeNull();
    expect((await secondBrowser.home()).status).toBe(200);
  });

  describe("TOTP with a fixed clock", () => {
    const now = new Date("2025-03-14T05:30:10.000Z");
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    async function pending() {
      const { user } = await newAdmin();
      const secret = await beginTotpEnrolment(user.id);
      const fresh = () => prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      return { user, secret, fresh };
    }

    it("a code from now − 30 s passes (and enables 2FA); one from now − 90 s or now + 90 s fails", async () => {
      const early = await pending();
      expect(await acceptTotp(await early.fresh(), await totpAt(early.secret, at(-30)), now, { enable: true })).toBe(true);
      expect((await early.fresh()).totpEnabledAt?.getTime()).toBe(now.getTime());

      const stale = await pending();
      const staleCode = await totpAt(stale.secret, at(-90));
      expect(staleCode).not.toBe(await totpAt(stale.secret, now));
      expect(await acceptTotp(await stale.fresh(), staleCode, now, { enable: true })).toBe(false);
      expect(await acceptTotp(await stale.fresh(), await totpAt(stale.secret, at(90)), now, { enable: true })).toBe(false);
      expect((await stale.fresh()).totpEnabledAt).toBeNull();
      // The same user's current code still works: the failures were the clock, not the secret.
      expect(await acceptTotp(await stale.fresh(), await totpAt(stale.secret, now), now, { enable: true })).toBe(true);
    });

    it("the same code twice fails the second time (replay), as does an older step; the next step passes", async () => {
      const { secret, fresh } = await pending();
      const code = await totpAt(secret, now);
      expect(await acceptTotp(await fresh(), code, now, { enable: true })).toBe(true);
      expect(await acceptTotp(await fresh(), code, now)).toBe(false);
      expect(await acceptTotp(await fresh(), code, at(10))).toBe(false); // same 30-s step, a bit later
      expect(await acceptTotp(await fresh(), await totpAt(secret, at(-30)), now)).toBe(false); // older step
      // Even with a stale copy of the user (lastStep not yet seen), the DB condition refuses it.
      const staleCopy = { ...(await fresh()), totpLastStep: null };
      expect(await acceptTotp(staleCopy, code, now)).toBe(false);
      expect(await acceptTotp(await fresh(), await totpAt(secret, at(30)), at(30))).toBe(true);
    });

    it("two parallel verifications of one code: exactly one succeeds", async () => {
      const { secret, fresh } = await pending();
      const user = await fresh();
      const code = await totpAt(secret, now);
      const results = await Promise.all(Array.from({ length: 5 }, () => acceptTotp(user, code, now, { enable: true })));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  it("a recovery code works once and not twice (model and route)", async () => {
    const { user, email, password, recoveryCodes } = await enrolledAdmin();
    // Route: second factor by recovery code, typed loosely.
    const first = new Browser();
    await first.login(email, password);
    const used = await first.secondFactor(` ${recoveryCodes[0].toLowerCase()} `);
    expect(used.status).toBe(302);
    expect(used.location).toBe("/admin");
    expect((await first.home()).status).toBe(200);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);

    const second = new Browser();
    await second.login(email, password);
    const reused = await second.secondFactor(recoveryCodes[0]);
    expect(reused.status).toBe(401);
    expect(reused.body.message).toBe("admin.2fa.wrong");
    expect((await second.home()).location).toBe("/admin/login/2fa");
    // Another, unused code still works on that session.
    expect((await second.secondFactor(recoveryCodes[1])).location).toBe("/admin");

    // Model: once, even in parallel; and new codes void the old ones.
    const parallel = await Promise.all(Array.from({ length: 4 }, () => useRecoveryCode(user.id, recoveryCodes[2])));
    expect(parallel.filter(Boolean)).toHaveLength(1);
    expect(await useRecoveryCode(user.id, recoveryCodes[2])).toBe(false);
    const fresh = await issueRecoveryCodes(user.id);
    expect(await useRecoveryCode(user.id, recoveryCodes[3])).toBe(false);
    expect(await useRecoveryCode(user.id, fresh[0])).toBe(true);
    // Someone else's code is not mine.
    const other = await newAdmin();
    const othersCodes = await issueRecoveryCodes(other.user.id);
    expect(await useRecoveryCode(user.id, othersCodes[0])).toBe(false);
  });

  it("a used TOTP code cannot be replayed through the second-factor page", async () => {
    const { email, password, secret } = await enrolledAdmin();
    const code = await nextStepCode(secret);
    const first = new Browser();
    await first.login(email, password);
    expect((await first.secondFactor(code)).location).toBe("/admin");
    const second = new Browser();
    await second.login(email, password);
    const replay = await second.secondFactor(code);
    expect(replay.status).toBe(401);
    expect((await second.home()).location).toBe("/admin/login/2fa");
  });

  it("5 wrong second-factor codes revoke the session: even the right code is then refused", async () => {
    await awayFromWindowEdge(3600);
    const { user, email, password, secret } = await enrolledAdmin();
    const browser = new Browser();
    await browser.login(email, password);
    const token = (await browser.token())!;
    const cookie = (await adminCookie.serialize(token)).split(";")[0];
    const wrong = await wrongTotp(secret);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const result = await browser.secondFactor(attempt % 2 ? wrong : "ZZZZZ-ZZZZZ");
      expect(result.status, `attempt ${attempt}`).toBe(401);
      expect((await sessionRow(token))!.revokedAt).toBeNull();
    }
    const fifth = await browser.secondFactor(wrong);
    expect(fifth.status).toBe(302);
    expect(fifth.location).toBe("/admin/login");
    expect(fifth.headers.get("Set-Cookie")).toMatch(/^ita_admin=;.*Max-Age=0/i);
    expect(browser.jar.has("ita_admin")).toBe(false);
    expect((await sessionRow(token))!.revokedAt).not.toBeNull();

    const verifiedSessions = () => prisma.adminSession.count({ where: { userId: user.id, twoFactorVerifiedAt: { not: null } } });
    const before = await verifiedSessions();
    const late = await browser.post(secondFactorRoute.action as Route, "/admin/login/2fa", { code: await nextStepCode(secret) }, { cookie });
    expect(late.status).toBe(302);
    expect(late.location).toMatch(/^\/admin\/login\?/);
    expect(late.headers.get("Set-Cookie")).toBeNull();
    expect(await verifiedSessions()).toBe(before);
  });

  it("login throttling: 5 wrong passwords for one account from one client → that client's 6th attempt, even correct, gets 429 with Retry-After; the owner elsewhere signs in", async () => {
    await awayFromWindowEdge(15 * 60);
    const { user, email, password } = await newAdmin();
    const guesser = new Browser();
    const failures: Outcome[] = [];
    for (let i = 0; i < 5; i++) failures.push(await guesser.login(email, `wrong-password-${i}`));
    for (const failure of failures) {
      expect(failure.status).toBe(401);
      expect(failure.body).toEqual({ ok: false, message: "admin.login.failed" });
    }
    const sixth = await guesser.login(email, password);
    expect(sixth.status).toBe(429);
    expect(sixth.body.message).toBe("admin.login.limited");
    const retryAfter = Number(sixth.headers.get("Retry-After"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(sixth.headers.get("Set-Cookie")).toBeNull();
    expect(await prisma.adminSession.count({ where: { userId: user.id } })).toBe(0);
    // The e-mail's case does not make it another account.
    expect((await guesser.login(email.toUpperCase(), password)).status).toBe(429);
    // Another account is not affected, and (attack M2) neither is the owner on another address.
    const other = await newAdmin();
    expect((await guesser.login(other.email, other.password)).status).toBe(302);
    expect((await new Browser().login(email, password)).status).toBe(302);
  });

  it("login throttling per client: many accounts guessed from one address → 429", async () => {
    await awayFromWindowEdge(15 * 60);
    const browser = new Browser();
    for (let i = 0; i < 20; i++) {
      expect((await browser.login(`nobody${i}-${randomId().slice(0, 6)}@test.ita.local`, "wrong-password")).status).toBe(401);
    }
    const { email, password } = await newAdmin();
    const limited = await browser.login(email, password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // The same account from another address is fine.
    expect((await new Browser().login(email, password)).status).toBe(302);
  });

  it("wrong password and unknown e-mail get the same answer", async () => {
    const { email } = await newAdmin();
    const wrongPassword = await new Browser().login(email, "not-the-password");
    const unknown = await new Browser().login(`nobody-${randomId().slice(0, 8)}@test.ita.local`, "not-the-password");
    expect(wrongPassword.status).toBe(401);
    expect(unknown.status).toBe(wrongPassword.status);
    expect(unknown.body).toEqual(wrongPassword.body);
    expect([...unknown.headers.keys()].sort()).toEqual([...wrongPassword.headers.keys()].sort());
    // Malformed input is a 400, never a 5xx.
    expect((await new Browser().post(loginRoute.action as Route, "/admin/login", { email, password: "x", extra: "1" })).status).toBe(400);
    expect((await new Browser().post(loginRoute.action as Route, "/admin/login", { email: "", password: "" })).status).toBe(400);
  });

  it("idle timeout: last seen 31 min ago → back to the login page; 29 min ago → still signed in", async () => {
    expect(ADMIN_IDLE_SECONDS).toBe(30 * 60);
    const { user } = await newAdmin();
    const idleToken = await createAdminSession(user.id, true);
    await prisma.adminSession.update({ where: { id: sha256(idleToken) }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const idle = await (await new Browser().adopt(idleToken)).home();
    expect(idle.status).toBe(302);
    expect(idle.location).toBe("/admin/login?redirectTo=%2Fadmin");
    const request = new Request("http://localhost/admin", { headers: { Cookie: (await adminCookie.serialize(idleToken)).split(";")[0] } });
    await expect(requireAdmin(request)).rejects.toBeInstanceOf(Response);

    const activeToken = await createAdminSession(user.id, true);
    await prisma.adminSession.update({ where: { id: sha256(activeToken) }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    const browser = await new Browser().adopt(activeToken);
    expect((await browser.home()).status).toBe(200);
    // Activity moves lastSeenAt forward.
    expect(Date.now() - (await sessionRow(activeToken))!.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it("absolute timeout: a session older than 12 h is dead even if active a second ago", async () => {
    expect(ADMIN_ABSOLUTE_SECONDS).toBe(12 * 3600);
    const { user } = await newAdmin();
    const oldToken = await createAdminSession(user.id, true, new Date(Date.now() - 12 * 3600_000 - 60_000));
    const row = (await sessionRow(oldToken))!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * 3600_000);
    await prisma.adminSession.update({ where: { id: row.id }, data: { lastSeenAt: new Date(Date.now() - 1000) } });
    const old = await (await new Browser().adopt(oldToken)).home();
    expect(old.status).toBe(302);
    expect(old.location).toMatch(/^\/admin\/login\?/);

    const youngToken = await createAdminSession(user.id, true, new Date(Date.now() - 11 * 3600_000 - 58 * 60_000));
    await prisma.adminSession.update({ where: { id: sha256(youngToken) }, data: { lastSeenAt: new Date(Date.now() - 1000) } });
    expect((await (await new Browser().adopt(youngToken)).home()).status).toBe(200);
  });

  it("logout needs a same-site POST (cross-site → 403), then revokes the row and clears the cookie", async () => {
    const { user } = await newAdmin();
    const token = await createAdminSession(user.id, true);
    const browser = await new Browser().adopt(token);
    const cookie = browser.jar.header();

    const crossSite: Record<string, string>[] = [
      { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "same-site" },
      { Origin: "https://evil.example" },
    ];
    for (const headers of crossSite) {
      const refused = await browser.logout(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect((await sessionRow(token))!.revokedAt).toBeNull();
    }
    // A GET does not sign out.
    expect((await browser.get(logoutRoute.loader as Route, "/admin/logout")).location).toBe("/admin");
    expect((await sessionRow(token))!.revokedAt).toBeNull();
    expect((await browser.home()).status).toBe(200);

    const out = await browser.logout();
    expect(out.status).toBe(302);
    expect(out.location).toBe("/admin/login");
    expect(out.headers.get("Set-Cookie")).toMatch(/^ita_admin=;.*Max-Age=0/i);
    expect(browser.jar.has("ita_admin")).toBe(false);
    expect((await sessionRow(token))!.revokedAt).not.toBeNull();
    const replayed = await browser.home({ cookie });
    expect(replayed.status).toBe(302);
    expect(replayed.location).toMatch(/^\/admin\/login\?/);
    expect(await prisma.auditLog.count({ where: { action: "admin.logout", actorId: user.id, outcome: "ok" } })).toBe(1);
  });

  it("audit rows exist for login ok/failed, 2FA enrolment, second factor and code rotation — without passwords or codes", async () => {
    const { agency } = await registeredAgency();
    const started = new Date(Date.now() - 1000);
    const { user, email, password } = await newAdmin();
    const secrets: string[] = [password, "definitely-wrong-pw"];
    const failedBefore = await prisma.auditLog.count({ where: { action: "admin.login", outcome: "failed" } });
    expect((await new Browser().login(email, "definitely-wrong-pw")).status).toBe(401);
    expect(await prisma.auditLog.count({ where: { action: "admin.login", outcome: "failed" } })).toBe(failedBefore + 1);

    const browser = new Browser();
    await browser.login(email, password);
    const secret = (await browser.setupPage()).body.secret as string;
    const wrong = await wrongTotp(secret);
    const enrolCode = await totpAt(secret, new Date());
    expect((await browser.confirmSetup(wrong)).status).toBe(400);
    const enrolled = await browser.confirmSetup(enrolCode);
    const recovery = enrolled.body.recoveryCodes as string[];
    const again = new Browser();
    await again.login(email, password);
    const loginCode = await nextStepCode(secret);
    expect((await again.secondFactor(wrong)).status).toBe(401);
    expect((await again.secondFactor(loginCode)).location).toBe("/admin");
    const rotated = await again.post(
      dashboardRoute.action as Route,
      `/admin/agencies/${agency.slug}`,
      { intent: "rotate-code" },
      { params: { slug: agency.slug } },
    );
    expect(rotated.status).toBe(200);
    const newCode = rotated.body.newCode as string;
    secrets.push(secret, wrong, enrolCode, loginCode, newCode, newCode.replace("-", ""), ...recovery, ...recovery.map((code) => code.replace("-", "")));

    const rows = await prisma.auditLog.findMany({ where: { at: { gte: started } }, orderBy: { at: "asc" } });
    const mine = rows.filter((row) => row.actorId === user.id);
    const has = (action: string, outcome: RegExp) => mine.some((row) => row.action === action && outcome.test(row.outcome));
    expect(has("admin.login", /^ok/)).toBe(true);
    expect(has("admin.2fa.enrol", /^failed$/)).toBe(true);
    expect(has("admin.2fa.enrol", /^ok$/)).toBe(true);
    expect(has("admin.2fa", /^failed$/)).toBe(true);
    expect(has("admin.2fa", /^ok:totp$/)).toBe(true);
    expect(mine.some((row) => row.action === "iit.code.rotate" && row.outcome === "ok" && row.agencyId === agency.id)).toBe(true);
    expect(rows.some((row) => row.action === "admin.login" && row.outcome === "failed")).toBe(true);
    for (const row of rows) expect(row.at.getTime()).toBeGreaterThanOrEqual(started.getTime());

    const text = JSON.stringify(rows.map(({ action, outcome, detail, actorId, agencyId }) => ({ action, outcome, detail, actorId, agencyId })));
    for (const value of secrets) expect(text.toUpperCase(), `audit log leaks ${value}`).not.toContain(value.toUpperCase());
    expect(text.toLowerCase()).not.toContain(email.toLowerCase());
  });
});
