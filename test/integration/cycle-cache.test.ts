// The one cycle cache (app/models/cycle.server.ts): the ruleset, the de-duplication key and the
// row survey pages render from during an outage, keyed by cycle id and the definition's SHA-256,
// with one freshness rule: the cycle's CacheVersion (decision 019), bumped by every write.
import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import {
  contactHashForCycle,
  createCycle,
  cycleCacheState,
  forgetCycleContacts,
  getCycleRuleset,
  getCycleRulesetAt,
  invalidateCycle,
  replaceCycleRuleset,
  shownCycle,
} from "~/models/cycle.server";
import { createAgency } from "~/models/agency.server";
import { requestOtp } from "~/models/otp.server";
import { parseContact } from "~/utils/contact";
import { sha256 } from "~/utils/crypto.server";
import { openWindows } from "../../prisma/factories";

/** A cycle of its own (a fiscal year no other test uses), so destroying its key harms no one. */
async function ownCycle(fiscalYear: number) {
  return createCycle({ ...ita2568, meta: { ...ita2568.meta, fiscalYear } }, openWindows(Date.now()));
}

const text = (value: unknown) => JSON.stringify(value);

describe("the cycle cache", () => {
  it("is keyed by cycle id and the definition's SHA-256; the submit path reads nothing while the version matches", async () => {
    const cycle = await ownCycle(2660);
    const first = await getCycleRulesetAt(cycle.id, 0);
    expect(first?.version).toBe(0);
    expect(cycleCacheState(cycle.id)).toMatchObject({ definitionSha256: sha256(cycle.definitionJson), version: 0 });
    // The same version: the same object, without a read (the text changed underneath, unseen).
    await prisma.cycle.update({ where: { id: cycle.id }, data: { definitionJson: cycle.definitionJson.replace("ตามขั้นตอนที่กำหนด", "ตามขั้นตอนที่กำหนX") } });
    expect((await getCycleRulesetAt(cycle.id, 0))?.ruleset).toBe(first!.ruleset);
    // A page that read the original text: no second parse.
    expect(getCycleRuleset(cycle)).toBe(first!.ruleset);
  });

  it("a write through the model bumps the cycle's version: the submit path reads the new definition", async () => {
    const cycle = await ownCycle(2661);
    expect(text((await getCycleRulesetAt(cycle.id, 0))?.ruleset)).toContain("ตามขั้นตอนที่กำหนด");
    const official = JSON.parse(cycle.definitionJson.replace("ตามขั้นตอนที่กำหนด", "ตามขั้นตอนที่กำหนX"));
    await replaceCycleRuleset(cycle.id, official);
    expect(cycleCacheState(cycle.id)).toBeNull(); // this process forgot it at once
    const version = (await prisma.cacheVersion.findUniqueOrThrow({ where: { key: `cycle:${cycle.id}` } })).version;
    expect(version).toBe(1);
    const after = await getCycleRulesetAt(cycle.id, version);
    expect(after?.version).toBe(1);
    expect(text(after?.ruleset)).toContain("ตามขั้นตอนที่กำหนX");
    expect(cycleCacheState(cycle.id)?.definitionSha256).toBe(sha256(JSON.stringify(official)));
    invalidateCycle(cycle.id);
    expect(cycleCacheState(cycle.id)).toBeNull();
  });

  it("keeps one shared row per cycle for outage rendering, without the encrypted key, replaced when the row changes", async () => {
    const cycle = await ownCycle(2662);
    getCycleRuleset(cycle);
    const shown = shownCycle(cycle);
    expect(shown.dedupeKeyEnc).toBeNull();
    expect(shown.definitionJson).toBe(cycle.definitionJson);
    expect(shownCycle({ ...cycle })).toBe(shown); // the same row read again: the same object
    const moved = { ...cycle, iitClosesAt: new Date(cycle.iitClosesAt.getTime() + 86_400_000) };
    expect(shownCycle(moved).iitClosesAt).toEqual(moved.iitClosesAt);
    invalidateCycle(cycle.id);
    expect(cycleCacheState(cycle.id)).toBeNull();
  });
});

describe("destroying a cycle's de-duplication key (decision 004)", () => {
  it("reaches the running process at once: the cache forgets the key and an OTP request needing it is refused", async () => {
    const cycle = await ownCycle(2663);
    const phone = "+66812345678";
    const before = contactHashForCycle(cycle, phone);
    expect(cycleCacheState(cycle.id)?.hasKey).toBe(true);

    expect((await forgetCycleContacts(cycle.id)).keyDestroyed).toBe(true);
    expect(cycleCacheState(cycle.id)).toBeNull();
    const row = await prisma.cycle.findUniqueOrThrow({ where: { id: cycle.id } });
    expect(row.dedupeKeyEnc).toBeNull();
    expect(row.dedupeKeyDestroyedAt).toBeInstanceOf(Date);
    expect((await forgetCycleContacts(cycle.id)).keyDestroyed).toBe(false); // nothing left to destroy

    expect(() => contactHashForCycle(row, phone)).toThrow(/no de-duplication key/);
    expect(cycleCacheState(cycle.id)?.hasKey ?? false).toBe(false);
    const agency = await createAgency({ slug: `agency-key-${cycle.id.slice(0, 8)}`, nameTh: "หน่วยงานทดสอบกุญแจ", nameEn: "Key test agency", kind: "local_sao" });
    const contact = parseContact("0812345678", { allowEmail: false });
    if (!contact.ok) throw new Error("test phone must parse");
    await expect(
      requestOtp({ cycle: row, agency, contact: contact.contact, channel: "qr", lang: "th", message: (code) => ({ subject: "OTP", text: code }) }),
    ).rejects.toThrow(/no de-duplication key/);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a key destroyed by another process (the operator CLI) is forgotten at its next use", async () => {
    const cycle = await ownCycle(2664);
    contactHashForCycle(cycle, "+66812345679");
    expect(cycleCacheState(cycle.id)?.hasKey).toBe(true);
    // Written without invalidateCycle, as another process would.
    const row = await prisma.cycle.update({ where: { id: cycle.id }, data: { dedupeKeyEnc: null, dedupeKeyDestroyedAt: new Date() } });
    expect(() => contactHashForCycle(row, "+66812345679")).toThrow(/no de-duplication key/);
    expect(cycleCacheState(cycle.id)?.hasKey).toBe(false);
  });
});
