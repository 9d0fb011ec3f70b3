import { describe, expect, it } from "vitest";
import { progressReporter } from "~/utils/progress";

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { out: { isTTY, write: (text: string) => written.push(text) }, written };
}

const STEP = { th: "เชิญผู้ดูแลหน่วยงาน", en: "inviting agency admins" };

describe("CLI progress", () => {
  it("on a terminal: one line redrawn in place, with a bar for counted work, cleared at the end", () => {
    const { out, written } = sink(true);
    const progress = progressReporter(out);
    progress({ th: "อ่านไฟล์", en: "reading the file" });
    progress(STEP, 50, 200);
    expect(written[0]).toBe("\r\x1b[2Kอ่านไฟล์ / reading the file");
    expect(written[1]).toBe(`\r\x1b[2Kเชิญผู้ดูแลหน่วยงาน / inviting agency admins [${"█".repeat(6)}${"░".repeat(18)}] 25% (50/200)`);
    progress.end();
    expect(written.at(-1)).toBe("\r\x1b[2K");
    expect(written.join("")).not.toContain("\n");
  });

  it("in a log: a plain line per step, and counted work only at each tenth (not a line per row)", () => {
    const { out, written } = sink(false);
    const progress = progressReporter(out);
    progress({ th: "อ่านไฟล์", en: "reading the file" });
    progress({ th: "อ่านไฟล์", en: "reading the file" }); // the same step again: nothing new to say
    for (let done = 0; done < 1000; done++) progress(STEP, done, 1000);
    expect(written[0]).toBe("อ่านไฟล์ / reading the file\n");
    expect(written.slice(1)).toEqual(Array.from({ length: 10 }, (_, tenth) => `เชิญผู้ดูแลหน่วยงาน / inviting agency admins: ${tenth * 100}/1000\n`));
    progress.end();
    expect(written).toHaveLength(11);
  });
});
