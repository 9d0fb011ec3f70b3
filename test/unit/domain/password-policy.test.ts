// The admin password policy (app/domain/password-policy.ts): 12–128 characters, not common, not a
// run or repeat, not containing the e-mail or the name.
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "~/domain/common-passwords";
import { passwordProblem } from "~/domain/password-policy";

const account = { email: "somchai.jaidee@agency.go.th", name: "Somchai Jaidee" };

describe("passwordProblem", () => {
  it.each([
    ["short", "elevenchars", "tooShort"],
    ["too long", "x".repeat(60) + "correct horse battery staple ".repeat(3), "tooLong"],
    ["common, exactly", "qwertyuiop12", "common"],
    ["a common word with digits", "password123456", "common"],
    ["a common word with digits and symbols, any case", "Password123456!!", "common"],
    ["ita and a year", "ita2568ita2568", "common"],
    ["ita and a year, decorated", "!!ita2568!!!!", "common"],
    ["repeated characters", "aaaaaaaaaaaaaaa", "common"],
    ["two characters alternating", "abababababababab", "common"],
    ["a digit run", "123456789012", "common"],
    ["a keyboard run", "qwertyuiopasdf", "common"],
    ["the e-mail", "my somchai.jaidee@agency.go.th!", "personal"],
    ["the e-mail's local part", "xx-somchai.jaidee-xx", "personal"],
    ["a part of the name", "tiger-jaidee-river-blue", "personal"],
    ["the name without spaces", "zz SOMCHAIJAIDEE zz", "personal"],
  ])("refuses %s", (_, password, problem) => expect(passwordProblem(password, account)).toBe(problem));

  it.each([
    ["a passphrase", "correct horse battery staple"],
    ["a Thai passphrase", "แมวสีส้มนอนบนหลังคาบ้าน"],
    ["exactly 12 unusual characters", "Vx7#qLm2!pRt"],
    ["128 characters", "a1b2c3d4e5f6g7h8".repeat(8)],
  ])("accepts %s", (_, password) => expect(passwordProblem(password, account)).toBeNull());

  it("ships a list of a few thousand common passwords, one a line, lower case", () => {
    const lines = COMMON_PASSWORDS.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines).toContain("123456");
    for (const line of lines) expect(line).toBe(line.toLowerCase());
  });
});
