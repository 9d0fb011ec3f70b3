// Issue 18 §1 at the model level (decisions 019 and 020): the job lease (one holder at a time,
// takeover after expiry, heartbeats), cache versions (a bump committed by "another instance" — a
// write straight to the table — is dropped by this process at its next poll), the submit's check
// at commit (a stale context cannot land a response in a closed survey or with an outdated
// instrument) and the register upload kept in the database (confirmable from any instance).
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { cycleKey, participationKey, pollCacheVersions, writeWithVersions } from "~/models/cache-version.server";
import { cycleCacheState, getCycleRuleset, getCycleRulesetAt, updateCycleWindows } from "~/models/cycle.server";
import { ensureJobLease, readJobLease, releaseJobLease, renewJobLease, takeJobLease } from "~/models/job-lease.server";
import { getOverview, nationalOverviewState } from "~/models/overview.server";
import { forgetRegisterUpload, keepRegisterUpload, readRegisterUpload, REGISTER_UPLOAD_TTL_MS } from "~/models/register-upload.server";
import { submitResponse } from "~/models/submission.server";
import { createSurveySession, getSubmitContext } from "~/models/survey-session.server";
import { runJobIfDue, type FleetJob } from "~/services/jobs.server";
import { randomToken } from "~/utils/crypto.server";
import { registeredAgency } from "../fixtures/db";
import { randomAnswers, seededRandom } from "../../prisma/factories";

const SECOND = 1000;

/** Another instance's write: the row changes, this process is not told (no listener runs). */
async function bumpElsewhere(key: string) {
  const row = await prisma.cacheVersion.findUnique({ where: { key } });
  if (row) await prisma.cacheVersion.update({ where: { key }, data: { version: row.version + 1 } });
  else await prisma.cacheVersion.create({ data: { key, version: 1 } });
}

describe("job lease (decision 020)", () => {
  it("two holders compete: exactly one wins; the other is refused while the lease lives", async () => {
    const t0 = new Date();
    const lease = await ensureJobLease("test-compete", new Date(t0.getTime() - 3600 * SECOND));
    const attempts = await Promise.all(["a", "b", "c", "d"].map((holder) => takeJobLease("test-compete", holder, 10 * SECOND, lease.lastFinishedAt, t0)));
    expect(attempts.filter(Boolean)).toHaveLength(1);
    const row = await readJobLease("test-compete");
    expect(["a", "b", "c", "d"][attempts.indexOf(true)]).toBe(row?.holder);
    expect(row?.runs).toBe(1);
    // Still live 9 s later: nobody else gets it.
    expect(await takeJobLease("test-compete", "e", 10 * SECOND, lease.lastFinishedAt, new Date(t0.getTime() + 9 * SECOND))).toBe(false);
  });

  it("a holder that stops renewing is taken over after expiry; a heartbeat keeps it; the dead holder cannot release", async () => {
    const t0 = new Date();
    const lease = await ensureJobLease("test-expiry", new Date(t0.getTime() - 3600 * SECOND));
    expect(await takeJobLease("test-expiry", "dead", 5 * SECOND, lease.lastFinishedAt, t0)).toBe(true);
    // A heartbeat at +4 s carries it to +9 s: a taker at +6 s is refused.
    expect(await renewJobLease("test-expiry", "dead", 5 * SECOND, new Date(t0.getTime() + 4 * SECOND))).toBe(true);
    expect(await takeJobLease("test-expiry", "other", 5 * SECOND, lease.lastFinishedAt, new Date(t0.getTime() + 6 * SECOND))).toBe(false);
    // No more heartbeats: at +10 s the lease has run out and another instance takes it over.
    expect(await takeJobLease("test-expiry", "other", 5 * SECOND, lease.lastFinishedAt, new Date(t0.getTime() + 10 * SECOND))).toBe(true);
    expect((await readJobLease("test-expiry"))?.holder).toBe("other");
    // The old holder, back from a stall, neither renews nor releases the new holder's lease.
    expect(await renewJobLease("test-expiry", "dead", 5 * SECOND)).toBe(false);
    expect(await releaseJobLease("test-expiry", "dead", { ok: true })).toBe(false);
    expect(await releaseJobLease("test-expiry", "other", { ok: true }, new Date(t0.getTime() + 11 * SECOND))).toBe(true);
    const done = await readJobLease("test-expiry");
    expect(done).toMatchObject({ holder: null, leaseUntil: null, lastOutcome: "ok", runs: 2 });
    expect(done?.lastFinishedAt?.getTime()).toBe(t0.getTime() + 11 * SECOND);
    // Finished since the taker judged it due: a late taker with the old view gets nothing.
    expect(await takeJobLease("test-expiry", "late", 5 * SECOND, lease.lastFinishedAt, new Date(t0.getTime() + 12 * SECOND))).toBe(false);
  });

  it("runJobIfDue: a job started on two 'instances' at once runs once; a failure is recorded and not due again at once", async () => {
    let runs = 0;
    const job: FleetJob = {
      name: "test-once",
      due: (lastFinishedAt, now) => now.getTime() - lastFinishedAt.getTime() >= 60 * SECOND,
      run: async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 200));
      },
    };
    await ensureJobLease(job.name, new Date(Date.now() - 120 * SECOND));
    const ran = await Promise.all([runJobIfDue(job, { holder: "one" }), runJobIfDue(job, { holder: "two" })]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(await runJobIfDue(job, { holder: "three" })).toBe(false); // just finished: not due
    expect(await readJobLease(job.name)).toMatchObject({ holder: null, lastOutcome: "ok", runs: 1 });

    const failing: FleetJob = { name: "test-fails", due: () => true, run: async () => Promise.reject(new Error("lock timeout")) };
    expect(await runJobIfDue(failing, { holder: "one" })).toBe(true);
    expect(await readJobLease(failing.name)).toMatchObject({ holder: null, lastOutcome: "failed", lastError: "lock timeout", failures: 1 });
    expect(await runJobIfDue(failing, { holder: "two" })).toBe(false); // retried after JOB_RETRY_MS, not at the next tick
  });
});

describe("cache versions (decision 019)", () => {
  it("concurrent bumps of a new key from several transactions all count (one atomic upsert each)", async () => {
    const key = `test:${randomToken(6)}`;
    await Promise.all(Array.from({ length: 6 }, () => writeWithVersions([key], async () => null)));
    expect((await prisma.cacheVersion.findUniqueOrThrow({ where: { key } })).version).toBe(6);
  });

  it("a bump committed elsewhere is dropped by this process at its next poll: the cycle entry and the national overview", async () => {
    const fx = await registeredAgency();
    await pollCacheVersions(); // this process's baseline
    getCycleRuleset(fx.cycle);
    await getCycleRulesetAt(fx.cycle.id, 0).catch(() => null);
    expect(cycleCacheState(fx.cycle.id)).not.toBeNull();
    await getOverview({ all: true }, fx.cycle, getCycleRuleset(fx.cycle));
    expect(nationalOverviewState(fx.cycle.id).cached).toBe(true);

    // Another instance closes an agency's IIT: the participation key moves; nothing here yet.
    await bumpElsewhere(participationKey(fx.cycle.id));
    expect(nationalOverviewState(fx.cycle.id).cached).toBe(true);
    await pollCacheVersions();
    expect(nationalOverviewState(fx.cycle.id).cached).toBe(false);
    expect(cycleCacheState(fx.cycle.id)).not.toBeNull(); // another fact: the cycle entry stays

    // Another instance moves a window: the cycle key moves; the cycle entry and the overview go.
    await getOverview({ all: true }, fx.cycle, getCycleRuleset(fx.cycle));
    await bumpElsewhere(cycleKey(fx.cycle.id));
    await pollCacheVersions();
    expect(cycleCacheState(fx.cycle.id)).toBeNull();
    expect(nationalOverviewState(fx.cycle.id).cached).toBe(false);
  });
});

describe("the submit's check at commit (decision 019)", () => {
  async function prepared() {
    const fx = await registeredAgency();
    const token = await createSurveySession({ agencyId: fx.agency.id, cycleId: fx.cycle.id, instrument: "iit" });
    await prisma.surveySession.updateMany({ data: { screening: JSON.stringify({ position: "staff", tenure: "yes" }) }, where: { agencyId: fx.agency.id } });
    const context = (await getSubmitContext(token))!;
    const submit = () =>
      submitResponse({
        submissionKey: randomToken(16),
        session: context.session,
        screening: context.screening!,
        answers: randomAnswers(ita2568, "iit", seededRandom(7)),
        ruleset: context.ruleset,
        rulesetVersion: context.rulesetVersion,
        cap: 40,
      });
    return { fx, context, submit };
  }

  it("a window closed in the database after the context was read (a stale view) is refused, and nothing is written", async () => {
    const { fx, context, submit } = await prepared();
    expect(context.participation?.iitOpen).toBe(true);
    // Closed by another instance by date; this process's cycle entry is still fresh.
    await prisma.cycle.update({ where: { id: fx.cycle.id }, data: { iitClosesAt: new Date(Date.now() - 1000) } });
    expect(cycleCacheState(fx.cycle.id)).not.toBeNull();
    expect(await submit()).toEqual({ status: "refused", reason: "closed" });
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    expect(await prisma.surveySession.count({ where: { agencyId: fx.agency.id } })).toBe(1); // its end rolled back
    await prisma.cycle.update({ where: { id: fx.cycle.id }, data: { iitClosesAt: fx.cycle.iitClosesAt } });
  });

  it("an agency's IIT closed by its admin after the context was read is refused", async () => {
    const { fx, submit } = await prepared();
    await prisma.agencyCycle.updateMany({ where: { agencyId: fx.agency.id, cycleId: fx.cycle.id }, data: { iitOpen: false } });
    expect(await submit()).toEqual({ status: "refused", reason: "closed" });
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
  });

  it("a ruleset replaced after the answers were checked (the cycle's version moved) is refused; the next context reads the new one", async () => {
    const { fx, context, submit } = await prepared();
    // Through the model, as the CLI or another instance would: the version moves with the write.
    await updateCycleWindows(fx.cycle.id, {
      iitOpensAt: fx.cycle.iitOpensAt,
      iitClosesAt: fx.cycle.iitClosesAt,
      eitOpensAt: fx.cycle.eitOpensAt,
      eitClosesAt: fx.cycle.eitClosesAt,
      oitOpensAt: fx.cycle.oitOpensAt,
      oitClosesAt: fx.cycle.oitClosesAt,
    });
    expect(await submit()).toEqual({ status: "refused", reason: "instrument-changed" });
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    const token = await createSurveySession({ agencyId: fx.agency.id, cycleId: fx.cycle.id, instrument: "iit" });
    expect((await getSubmitContext(token))?.rulesetVersion).toBe(context.rulesetVersion + 1);
  });

  it("an open survey with the current version is accepted (the check can pass)", async () => {
    const { fx, submit } = await prepared();
    expect(await submit()).toEqual({ status: "accepted", instrument: "iit" });
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(1);
  });
});

describe("register uploads in the database (decision 019)", () => {
  it("a file kept by one instance is confirmable later by the same admin only, until it expires", async () => {
    const [admin, other] = await Promise.all(
      ["upload-admin", "upload-other"].map((name) =>
        prisma.user.create({ data: { id: `${name}-${randomToken(4)}`, email: `${name}-${randomToken(4)}@example.test`, name } }),
      ),
    );
    const bytes = new TextEncoder().encode("code,nameTh\n1,หน่วยงาน\n");
    const t0 = new Date();
    const sha = await keepRegisterUpload({ userId: admin.id, fileName: "register.csv", bytes }, t0);
    // Nothing of it in this process: the row alone carries it to whichever instance gets the confirm.
    expect(await prisma.registerUpload.count({ where: { sha256: sha } })).toBe(1);
    expect(await readRegisterUpload(admin.id, sha, new Date(t0.getTime() + 60 * SECOND))).toEqual(bytes);
    expect(await readRegisterUpload(other.id, sha, t0)).toBeNull();
    expect(await readRegisterUpload(admin.id, sha, new Date(t0.getTime() + REGISTER_UPLOAD_TTL_MS))).toBeNull();
    await forgetRegisterUpload(admin.id, sha);
    expect(await readRegisterUpload(admin.id, sha, t0)).toBeNull();
  });
});
