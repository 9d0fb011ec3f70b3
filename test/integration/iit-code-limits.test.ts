// Attacks L4 and L8 on IIT code guessing (shared/security.md → Staff access code), replayed on the
// model with a fixed clock (each test in its own hour, days ahead, so no window is shared).
import { describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { checkIitCode, CODE_FAILURE_WINDOWS, codeLimiterKey, GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR, STRICT_CODE_FAILURE_WINDOWS } from "~/models/iit-code.server";
import { windowStart } from "~/models/rate-limit.server";
import { registeredAgency } from "../fixtures/db";

/** A quiet hour `daysAhead` days from now (UTC hour boundary). */
function hourAhead(daysAhead: number) {
  return Math.ceil(Date.now() / 3_600_000) * 3_600_000 + daysAhead * 86_400_000;
}
const at = (hour: number, minutes: number) => new Date(hour + minutes * 60_000);

function wrongCode(code: string, n = 0) {
  const plain = code.replace("-", "");
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let wrong = plain.slice(0, 8) + alphabet[(alphabet.indexOf(plain[8]) + 1 + (n % 30)) % 32] + plain[9];
  if (wrong === plain) wrong = plain.slice(0, 9) + (plain[9] === "0" ? "1" : "0");
  return wrong;
}

describe(`IIT code limits (${dbTarget.provider})`, () => {
  it("L4: limits count an IPv6 /64, not one address: 10 wrong codes from 10 addresses of one /64 → the 11th address is limited", async () => {
    const { iitCode } = await registeredAgency();
    const hour = hourAhead(3);
    const t = at(hour, 1);
    for (let i = 0; i < CODE_FAILURE_WINDOWS[0].limit; i++) {
      expect((await checkIitCode(wrongCode(iitCode, i), `2001:db8:4:64:${i.toString(16)}::${i + 1}`, t)).status).toBe("invalid");
    }
    expect(await checkIitCode(iitCode, "2001:db8:4:64:ffff:ffff:ffff:fffe", t)).toMatchObject({ status: "limited" });
    expect(await checkIitCode(iitCode, "2001:0db8:0004:0064::abcd", t)).toMatchObject({ status: "limited" });
    // The next /64 is another client.
    expect((await checkIitCode(iitCode, "2001:db8:4:65::1", t)).status).toBe("ok");
    // IPv4 is per address (/32), whether Node reports it plain or IPv4-mapped.
    for (let i = 0; i < CODE_FAILURE_WINDOWS[0].limit; i++) expect((await checkIitCode(wrongCode(iitCode, i), "203.0.113.77", t)).status).toBe("invalid");
    expect(await checkIitCode(iitCode, "::ffff:203.0.113.77", t)).toMatchObject({ status: "limited" });
    expect((await checkIitCode(iitCode, "203.0.113.78", t)).status).toBe("ok");
  });

  it("L4: one bad actor behind a carrier NAT never locks the address out for more than an hour; staff there get in each next hour", async () => {
    const { iitCode } = await registeredAgency();
    const cgnat = "100.64.12.34";
    const hour = hourAhead(4) - (new Date(hourAhead(4)).getUTCHours() - 1) * 3_600_000; // 01:00 UTC (08:00 Bangkok)
    for (let h = 0; h < 5; h++) {
      const start = hour + h * 3_600_000;
      // The bad actor guesses all hour long: 10, then 10 more in the next 10 minutes.
      for (const minute of [1, 12]) {
        for (let i = 0; i < 10; i++) expect((await checkIitCode(wrongCode(iitCode, i), cgnat, at(start, minute))).status, `hour ${h}`).toBe("invalid");
      }
      const limited = await checkIitCode(iitCode, cgnat, at(start, 30));
      expect(limited.status, `hour ${h}`).toBe("limited");
      // The wait is the rest of the hour, never "until 07:00 tomorrow".
      expect(limited.status === "limited" && limited.retryAfterSeconds, `hour ${h}`).toBe(30 * 60);
      // Next hour, a colleague behind the same address types the right code.
      expect((await checkIitCode(iitCode, cgnat, new Date(start + 3_600_000 + 1000))).status, `after hour ${h}`).toBe("ok");
    }
  });

  it("L4: over the global failure budget every client's limit tightens (guessing slows), while staff typing a right code still get in", async () => {
    const { iitCode } = await registeredAgency();
    const hour = hourAhead(6);
    const t = at(hour, 5);
    // Guessing from many addresses has spent this hour's budget.
    await prisma.rateLimitCounter.create({
      data: { key: "iit-code-fail:global:3600", windowStart: windowStart(t, 3600), count: GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR },
    });
    const guesser = "198.51.100.61";
    const strict = STRICT_CODE_FAILURE_WINDOWS[0].limit;
    expect(strict).toBeLessThan(CODE_FAILURE_WINDOWS[0].limit);
    for (let i = 0; i < strict; i++) expect((await checkIitCode(wrongCode(iitCode, i), guesser, t)).status).toBe("invalid");
    expect(await checkIitCode(wrongCode(iitCode, 9), guesser, t)).toMatchObject({ status: "limited" });
    // Staff: right away, or after a typo or two, the right code works.
    expect((await checkIitCode(iitCode, "198.51.100.62", t)).status).toBe("ok");
    const typist = "198.51.100.63";
    for (let i = 0; i < strict - 1; i++) expect((await checkIitCode(wrongCode(iitCode, i), typist, t)).status).toBe("invalid");
    expect((await checkIitCode(iitCode, typist, t)).status).toBe("ok");
    // The next hour, with the budget unspent, the usual limits apply again.
    const next = at(hour, 65);
    for (let i = 0; i < strict + 1; i++) expect((await checkIitCode(wrongCode(iitCode, i), "198.51.100.64", next)).status).toBe("invalid");
  });

  it("L8: a correct code leaves no rate-limit row for the client", async () => {
    const { iitCode } = await registeredAgency();
    const t = at(hourAhead(7), 3);
    const address = "198.51.100.71";
    const rows = () => prisma.rateLimitCounter.findMany({ where: { key: { startsWith: codeLimiterKey(address) } } });
    expect((await checkIitCode(iitCode, address, t)).status).toBe("ok");
    expect(await rows()).toEqual([]);
    // A failure is remembered; a later correct code gives only its own slot back.
    expect((await checkIitCode(wrongCode(iitCode), address, t)).status).toBe("invalid");
    expect((await checkIitCode(iitCode, address, t)).status).toBe("ok");
    expect((await rows()).map((row) => row.count)).toEqual([1, 1]);
  });
});
