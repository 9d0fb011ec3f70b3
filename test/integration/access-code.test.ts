// Staff access codes (shared/security.md → Staff access code): ≥ 50 bits from a CSPRNG, shown as
// XXXXX-XXXXX, forgiving input, stored only as a keyed hash.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { checkIitCode, issueIitCode, revokeIitCode } from "~/models/iit-code.server";
import { ACCESS_CODE_LENGTH, generateAccessCode, hashAccessCode, normaliseAccessCode } from "~/utils/access-code.server";
import { deriveKey, sha256 } from "~/utils/crypto.server";
import { registeredAgency } from "../fixtures/db";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

describe("generateAccessCode", () => {
  it("gives XXXXX-XXXXX in Crockford Base32: 10 symbols of 32 = 50 bits, 1000 codes all distinct", () => {
    const codes = Array.from({ length: 1000 }, () => generateAccessCode());
    for (const code of codes) expect(code).toMatch(CODE_FORMAT);
    expect(new Set(codes).size).toBe(1000);
    expect(ACCESS_CODE_LENGTH * Math.log2(CROCKFORD.length)).toBeGreaterThanOrEqual(50);
  });

  it("uses the whole alphabet at every position (no position is fixed or narrowed)", () => {
    // 1000 draws of 32 equally likely symbols: the chance that one symbol never shows at a
    // position is 32 · (31/32)^1000 ≈ 10⁻¹², so a missing symbol means fewer than 50 bits.
    const codes = Array.from({ length: 1000 }, () => generateAccessCode().replace("-", ""));
    for (let position = 0; position < ACCESS_CODE_LENGTH; position++) {
      const seen = new Set(codes.map((code) => code[position]));
      expect([...seen].sort().join(""), `position ${position}`).toBe(CROCKFORD);
    }
  });

  it("every generated code survives its own normalisation", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateAccessCode();
      expect(normaliseAccessCode(code)).toBe(code.replace("-", ""));
    }
  });
});

describe("normaliseAccessCode", () => {
  it.each([
    ["ABCDE-12345", "ABCDE12345"],
    ["abcde-12345", "ABCDE12345"],
    ["  abcde 12345  ", "ABCDE12345"],
    ["a b c d e 1 2 3 4 5", "ABCDE12345"],
    ["ABCDE--12345", "ABCDE12345"],
    ["abcde\t12345", "ABCDE12345"],
    ["OOOOO-ooooo", "0000000000"],
    ["IIIII-iiiii", "1111111111"],
    ["LLLLL-lllll", "1111111111"],
    ["kqgw6 aa39y", "KQGW6AA39Y"],
    ["ＡＢＣＤＥ－１２３４５", "ABCDE12345"], // full-width input from a Thai keyboard / IME
  ])("accepts %j as %s", (input, expected) => {
    expect(normaliseAccessCode(input)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["ABCDE-1234", "9 characters"],
    ["ABCDE-123456", "11 characters"],
    ["ABCDE", "5 characters"],
    ["UUUUU-UUUUU", "U is not Crockford"],
    ["ABCDU-12345", "one U"],
    ["ABCD!-12345", "punctuation"],
    ["ABCDE/12345", "a slash"],
    ["ABCDE+1234", "a plus sign"],
    ["ABCDE'12345", "a quote"],
    ["กขคงจ-12345", "Thai letters"],
  ])("rejects %j (%s)", (input) => {
    expect(normaliseAccessCode(input)).toBeNull();
  });
});

describe("hashAccessCode", () => {
  it("is an HMAC keyed with the app secret, not a plain hash, and stable for equal input", () => {
    const code = "KQGW6AA39Y";
    const hash = hashAccessCode(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashAccessCode(code));
    expect(hash).not.toBe(sha256(code));
    expect(hash).not.toBe(crypto.createHmac("sha256", "").update(code).digest("hex"));
    // The key is derived from APP_SECRET: another secret gives another hash.
    expect(hash).toBe(crypto.createHmac("sha256", deriveKey("iit-code")).update(code).digest("hex"));
    expect(hash).not.toBe(crypto.createHmac("sha256", deriveKey("iit-code", "another-secret-another-secret-0123456789")).update(code).digest("hex"));
    expect(hashAccessCode("KQGW6AA39Z")).not.toBe(hash);
  });

  it("equal after normalisation → equal hash (what the database lookup relies on)", () => {
    const a = normaliseAccessCode(" kqgw6 aa39y ")!;
    const b = normaliseAccessCode("KQGW6-AA39Y")!;
    expect(hashAccessCode(a)).toBe(hashAccessCode(b));
  });
});

describe(`the database stores only the keyed hash (${dbTarget.provider})`, () => {
  function variants(code: string) {
    const plain = code.replace("-", "");
    return [code, plain, code.toLowerCase(), plain.toLowerCase(), sha256(plain)];
  }

  async function everyStoredValue() {
    const tables = await Promise.all([
      prisma.agencyCycle.findMany(),
      prisma.auditLog.findMany(),
      prisma.surveySession.findMany(),
      prisma.rateLimitCounter.findMany(),
      prisma.idempotencyKey.findMany(),
    ]);
    return tables.flat().flatMap((row) => Object.values(row).map((value) => (value instanceof Date ? value.toISOString() : String(value))));
  }

  it("issue, use, rotate and revoke: the plain code is in no column of AgencyCycle, AuditLog or the limiter", async () => {
    const { agency, cycle, iitCode } = await registeredAgency();
    const row = await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: agency.id, cycleId: cycle.id } } });
    expect(row.iitCodeHash).toBe(hashAccessCode(normaliseAccessCode(iitCode)!));
    expect(row.iitCodeIssuedAt).toBeInstanceOf(Date);

    // Use it (right, then wrong from a client address) so sessions-to-be and limiter rows exist.
    expect((await checkIitCode(iitCode.toLowerCase(), "198.51.100.23")).status).toBe("ok");
    const wrong = iitCode.slice(0, -1) + (iitCode.endsWith("0") ? "1" : "0");
    expect((await checkIitCode(wrong, "198.51.100.23")).status).toBe("invalid");

    const rotated = await issueIitCode(agency.id, cycle.id);
    expect(rotated).not.toBe(iitCode);
    expect((await checkIitCode(iitCode, "198.51.100.24")).status).toBe("invalid");
    await revokeIitCode(agency.id, cycle.id);
    expect((await checkIitCode(rotated, "198.51.100.24")).status).toBe("invalid");

    const stored = await everyStoredValue();
    expect(stored.length).toBeGreaterThan(0);
    for (const code of [iitCode, wrong, rotated]) {
      for (const variant of variants(code)) {
        expect(
          stored.filter((value) => value.includes(variant)),
          variant,
        ).toEqual([]);
      }
    }
    // No client address is stored either: the limiter key is a keyed hash of it.
    expect(stored.filter((value) => value.includes("198.51.100."))).toEqual([]);
    const audit = await prisma.auditLog.findMany({ where: { agencyId: agency.id } });
    expect(audit.map((entry) => entry.action).sort()).toEqual(["iit.code.create", "iit.code.revoke", "iit.code.rotate"]);
  });
});
