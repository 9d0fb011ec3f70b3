// Attacks M1 and M2 on admin sign-in, replayed through the login route (shared/security.md → Input:
// "Password hashing runs under a concurrency bound (fail fast with 503) … a wrong-password flood
// from elsewhere never locks the owner out").
import { describe, expect, it } from "vitest";
import { run } from "../fixtures/http";
import { dbTarget, prisma } from "~/db.server";
import { ACCOUNT_CLIENT_FAILURES_PER_15_MIN, ACCOUNT_FAILURE_CEILING_PER_15_MIN, GLOBAL_LOGIN_FAILURES_PER_MINUTE } from "~/models/login-throttle.server";
import { secondsLeft, windowStart } from "~/models/rate-limit.server";
import { createUser } from "~/models/user.server";
import * as loginRoute from "~/routes/admin_.login._index";
import { randomId } from "~/utils/crypto.server";
import { MAX_CONCURRENT_HASHES, MAX_QUEUED_HASHES, passwordHashingStats, resetPasswordHashingPeak } from "~/utils/password.server";

type Action = (args: { request: Request; params: Record<string, string>; context: { clientAddress: string } }) => unknown;

function login(email: string, password: string, clientAddress: string) {
  const request = new Request("http://localhost/admin/login", {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  return run(() => (loginRoute.action as unknown as Action)({ request, params: {}, context: { clientAddress } }));
}

async function newAdmin() {
  const email = `flood-${randomId().slice(0, 8)}@test.ita.local`;
  const password = `pass-${randomId()}`;
  const user = await createUser({ email, name: "ผู้ดูแลทดสอบ", password, scope: { role: "system_admin" } });
  return { user, email, password };
}

/** Fixed-window limits: start a burst well inside one window. */
async function awayFromWindowEdge(seconds: number, margin = 20) {
  const left = secondsLeft(new Date(), seconds);
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
}

describe(`admin sign-in under attack (${dbTarget.provider})`, () => {
  it("M2: 50 wrong passwords from attacker addresses do not lock the owner out; the attackers are slowed", async () => {
    await awayFromWindowEdge(15 * 60, 60);
    const { user, email, password } = await newAdmin();
    // Ten attacker addresses (IPv4 and IPv6 networks), five wrong passwords each, in turn.
    const attackers = Array.from({ length: 10 }, (_, i) => (i % 2 ? `203.0.113.${100 + i}` : `2001:db8:bad:${i}::1`));
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const address of attackers) statuses.push((await login(email, `wrong-${round}-${address}`, address)).status);
    }
    expect(statuses).toHaveLength(50);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    // Past the account's ceiling, clients that were failing at it get no more tries there.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(ACCOUNT_FAILURE_CEILING_PER_15_MIN + attackers.length);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    const attacker = await login(email, password, attackers[0]);
    expect(attacker.status).toBe(429); // even with the right password: this client has been failing
    expect(Number(attacker.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await prisma.adminSession.count({ where: { userId: user.id } })).toBe(0);

    // The owner, from another address, with the right password: signed in.
    const owner = await login(email, password, "198.51.100.200");
    expect(owner.status).toBe(302);
    expect(owner.location).toBe("/admin/2fa/setup");
    expect(await prisma.adminSession.count({ where: { userId: user.id } })).toBe(1);
  });

  it("M2: a client that mistyped the password 4 times still signs in with the right one", async () => {
    const { email, password } = await newAdmin();
    for (let i = 1; i < ACCOUNT_CLIENT_FAILURES_PER_15_MIN; i++) expect((await login(email, `typo-${i}`, "198.51.100.201")).status).toBe(401);
    expect((await login(email, password, "198.51.100.201")).status).toBe(302);
  });

  it(`M1: ${40} parallel logins → at most ${MAX_CONCURRENT_HASHES} scrypt checks at once, the rest 503 + Retry-After and no session; an honest login afterwards succeeds`, async () => {
    await awayFromWindowEdge(60);
    const { user, email, password } = await newAdmin();
    resetPasswordHashingPeak();
    const flood = await Promise.all(Array.from({ length: 40 }, (_, i) => login(email, `flood-${i}`, `192.0.2.${100 + i}`)));
    const stats = passwordHashingStats();
    expect(stats.peak).toBeGreaterThan(0);
    expect(stats.peak).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    expect(stats.active).toBe(0);
    const busy = flood.filter((outcome) => outcome.status === 503);
    const checked = flood.filter((outcome) => outcome.status === 401);
    expect(busy.length + checked.length).toBe(40);
    // Only the bound and its short queue were checked; everyone else was refused without waiting.
    expect(checked.length).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES + MAX_QUEUED_HASHES);
    expect(busy.length).toBe(stats.refused);
    expect(busy.length).toBeGreaterThanOrEqual(40 - MAX_CONCURRENT_HASHES - MAX_QUEUED_HASHES);
    for (const outcome of busy) {
      expect(outcome.body).toEqual({ ok: false, message: "admin.login.busy" });
      expect(Number(outcome.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(outcome.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await prisma.adminSession.count({ where: { userId: user.id } })).toBe(0);

    const honest = await login(email, password, "198.51.100.202");
    expect(honest.status).toBe(302);
    expect(await prisma.adminSession.count({ where: { userId: user.id } })).toBe(1);
  });

  it(`M1: over the global budget (${GLOBAL_LOGIN_FAILURES_PER_MINUTE} failed sign-ins a minute) unknown clients get 503, known ones still sign in`, async () => {
    await awayFromWindowEdge(60);
    const { email, password } = await newAdmin();
    // A client that signed in before (today) is known.
    expect((await login(email, password, "198.51.100.203")).status).toBe(302);
    // Failures count in the global budget: one wrong password is one more.
    const key = "admin-login-fail:global:60";
    const now = new Date();
    const read = async () => (await prisma.rateLimitCounter.findUnique({ where: { key_windowStart: { key, windowStart: windowStart(now, 60) } } }))?.count ?? 0;
    const before = await read();
    expect((await login(email, "wrong-once", "198.51.100.204")).status).toBe(401);
    expect(await read()).toBe(before + 1);
    // The flood has filled this minute's budget.
    await prisma.rateLimitCounter.update({
      where: { key_windowStart: { key, windowStart: windowStart(now, 60) } },
      data: { count: GLOBAL_LOGIN_FAILURES_PER_MINUTE },
    });
    try {
      for (const address of ["198.51.100.205", "2001:db8:feed:1::9"]) {
        const stranger = await login(email, "wrong-again", address);
        expect(stranger.status).toBe(503);
        expect(Number(stranger.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
      }
      expect((await login(email, password, "198.51.100.203")).status).toBe(302);
    } finally {
      await prisma.rateLimitCounter.deleteMany({ where: { key } });
    }
  });
});
