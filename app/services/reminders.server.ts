// Shortfall reminders (issue 20 §2; docs/decisions/024-reminders.md): the use case the CLI
// (`npm run ita -- reminders:run`) and the server's daily fleet job ("reminders",
// services/jobs.server.ts) share. Who gets what is decided in domain/reminders.ts from the
// overview's forecast (models/overview.server.ts: the same figures the coordinator sees); here it
// is read, rendered in Thai then English, and queued: per person ONE transaction writes the
// ReminderSend row (primary key userId + period) and the outbox message, so a second run in the
// period, or a run on another instance at the same moment, finds the key taken and sends nothing.
import {
  mailSummary,
  planReminderMails,
  REMINDER_INSTRUMENTS,
  type AgencyIssue,
  type AgencyReminder,
  type IssueCounts,
  type ReminderMail,
} from "~/domain/reminders";
import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { getCurrentCycle, getCycleRuleset } from "~/models/cycle.server";
import { enqueueMessage } from "~/models/outbox.server";
import { getCycleOverview, listProvinces } from "~/models/overview.server";
import {
  getRemindersOff,
  isReminderAlreadySent,
  listReminderRecipients,
  listSentReminders,
  recordReminderSend,
  setRemindersOff,
} from "~/models/reminder.server";
import { type Lang } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import { emailTransportName, publicLink, type Mail } from "~/utils/mailer.server";

export type ReminderOutcome = "sent" | "already-sent" | "would-send";

export type ReminderRunReport = {
  /** the fiscal year reminded about; null: no current cycle (nothing to do) */
  fiscalYear: number | null;
  dryRun: boolean;
  mails: Array<{ email: string; period: string; outcome: ReminderOutcome; summary: ReturnType<typeof mailSummary> }>;
  sent: number;
  alreadySent: number;
};

/** No e-mail transport is configured: nothing can be sent (a dry run still works). */
export class RemindersNoTransport extends Error {
  override name = "RemindersNoTransport";
}

// ───────────────────────── the text ─────────────────────────

const instrumentName = (lang: Lang, instrument: (typeof REMINDER_INSTRUMENTS)[number]) => translate(lang, `reminders.instrument.${instrument}`);
const named = (lang: Lang, thing: { nameTh: string | null; nameEn: string | null }) =>
  (lang === "th" ? thing.nameTh : thing.nameEn) ?? translate(lang, "reminders.mail.central");

function issueLine(lang: Lang, issue: AgencyIssue): string {
  switch (issue.kind) {
    case "not-registered":
      return translate(lang, "reminders.mail.notRegistered", { days: issue.daysLeft });
    case "no-population":
      return translate(lang, "reminders.mail.noPopulation", {
        instruments: issue.instruments.map((instrument) => instrumentName(lang, instrument)).join(", "),
        days: issue.daysLeft,
      });
    case "at-risk":
      return translate(lang, "reminders.mail.atRisk", {
        instrument: instrumentName(lang, issue.instrument),
        needed: issue.needed,
        responses: issue.responses,
        minimum: issue.minimum,
        days: issue.daysLeft,
      });
  }
}

/** One agency in a digest: its name and its issues, in a few words (counts only). */
function digestLine(lang: Lang, reminder: AgencyReminder): string {
  const parts = reminder.issues.map((issue) =>
    issue.kind === "not-registered"
      ? translate(lang, "reminders.mail.line.notRegistered")
      : issue.kind === "no-population"
        ? translate(lang, "reminders.mail.line.noPopulation")
        : translate(lang, "reminders.mail.line.atRisk", { instrument: instrumentName(lang, issue.instrument), needed: issue.needed }),
  );
  return `  - ${named(lang, reminder)}: ${parts.join(", ")}`;
}

const counts = (lang: Lang, c: IssueCounts) => translate(lang, "reminders.mail.counts", { ...c });

/** The mail in one language. */
function mailBody(lang: Lang, mail: ReminderMail, fiscalYear: number): string {
  const lines: string[] = [translate(lang, "reminders.mail.greeting", { name: mail.name }), "", translate(lang, "reminders.mail.intro", { year: fiscalYear })];
  if (mail.lastWeek) lines.push(translate(lang, "reminders.mail.lastWeek"));
  for (const reminder of mail.agencies) {
    lines.push("", `■ ${translate(lang, "reminders.mail.agency", { agency: named(lang, reminder) })}`);
    for (const issue of reminder.issues) lines.push(`  - ${issueLine(lang, issue)}`);
    lines.push(`  ${translate(lang, "reminders.mail.agencyLink", { link: publicLink(`/admin/agencies/${reminder.slug}`) })}`);
  }
  for (const digest of mail.provinces) {
    lines.push("", `■ ${translate(lang, "reminders.mail.province", { province: named(lang, digest) })}`, `  ${counts(lang, digest.counts)}`);
    lines.push(`  ${translate(lang, "reminders.mail.listed", { shown: digest.agencies.length, total: digest.total })}`);
    for (const reminder of digest.agencies) lines.push(digestLine(lang, reminder));
    lines.push(`  ${translate(lang, "reminders.mail.overviewLink", { link: publicLink(`/admin?province=${encodeURIComponent(digest.slug)}&sort=risk`) })}`);
  }
  if (mail.national) {
    const national = mail.national;
    lines.push(
      "",
      `■ ${translate(lang, "reminders.mail.national")}`,
      `  ${counts(lang, national.counts)}`,
      `  ${translate(lang, "reminders.mail.byProvince")}`,
    );
    for (const province of national.provinces) {
      lines.push(`  - ${named(lang, province)}: ${province.counts.atRisk} / ${province.counts.notRegistered} / ${province.counts.noPopulation}`);
    }
    lines.push(`  ${translate(lang, "reminders.mail.largest", { shown: national.agencies.length, total: national.total })}`);
    for (const reminder of national.agencies) lines.push(digestLine(lang, reminder));
    lines.push(`  ${translate(lang, "reminders.mail.overviewLink", { link: publicLink("/admin?sort=risk") })}`);
  }
  lines.push("", translate(lang, "reminders.mail.optOut", { link: publicLink("/admin/account") }));
  return lines.join("\n");
}

/** The e-mail: Thai first, then English (as the invitations are written). */
export function reminderMail(mail: ReminderMail, fiscalYear: number): Mail {
  return {
    to: mail.email,
    subject: `${translate("th", "reminders.mail.subject")} / ${translate("en", "reminders.mail.subject")}`,
    text: [mailBody("th", mail, fiscalYear), "", "—", "", mailBody("en", mail, fiscalYear)].join("\n"),
  };
}

// ───────────────────────── the run ─────────────────────────

/** Who would get what at `now` (reads only). */
export async function planReminders(now = new Date()): Promise<{ fiscalYear: number | null; mails: ReminderMail[] }> {
  const cycle = await getCurrentCycle(prisma, now);
  if (!cycle) return { fiscalYear: null, mails: [] };
  // Computed fresh (not the overview's national cache): the job runs once a day, and a reminder
  // must not act on figures a minute old when a registration just changed.
  const [agencies, provinces, recipients] = await Promise.all([
    getCycleOverview({ all: true }, cycle, getCycleRuleset(cycle), now),
    listProvinces(),
    listReminderRecipients(),
  ]);
  const windows = {
    iitOpensAt: cycle.iitOpensAt,
    iitClosesAt: cycle.iitClosesAt,
    eitOpensAt: cycle.eitOpensAt,
    eitClosesAt: cycle.eitClosesAt,
  };
  return { fiscalYear: cycle.fiscalYear, mails: planReminderMails({ now, cycle: windows, agencies, provinces, recipients }) };
}

/**
 * Send (or, with dryRun, only list) the reminders due at `now`. Per person one transaction: the
 * ReminderSend row and the outbox message; a taken key is "already sent" and writes nothing.
 */
export async function runReminders(options: { dryRun?: boolean; now?: Date } = {}): Promise<ReminderRunReport> {
  const dryRun = options.dryRun ?? false;
  const now = options.now ?? new Date();
  if (!dryRun && !emailTransportName()) throw new RemindersNoTransport("no e-mail transport is configured (EMAIL_TRANSPORT)");
  const { fiscalYear, mails } = await planReminders(now);
  const report: ReminderRunReport = { fiscalYear, dryRun, mails: [], sent: 0, alreadySent: 0 };
  if (fiscalYear === null) return report;

  const sentBefore = dryRun ? await listSentReminders(mails) : new Set<string>();
  for (const mail of mails) {
    const summary = mailSummary(mail);
    let outcome: ReminderOutcome;
    if (dryRun) {
      outcome = sentBefore.has(`${mail.userId}|${mail.period}`) ? "already-sent" : "would-send";
    } else {
      try {
        await prisma.$transaction(async (tx) => {
          const messageId = await enqueueMessage(tx, { channel: "email", purpose: "reminder", payload: reminderMail(mail, fiscalYear) });
          await recordReminderSend(tx, { userId: mail.userId, period: mail.period, messageId, summary });
        });
        outcome = "sent";
      } catch (error) {
        if (!isReminderAlreadySent(error)) throw error;
        outcome = "already-sent"; // the transaction rolled back: its message with it
      }
    }
    if (outcome === "sent") report.sent++;
    if (outcome === "already-sent") report.alreadySent++;
    report.mails.push({ email: mail.email, period: mail.period, outcome, summary });
  }
  return report;
}

/** The daily fleet job: sends what is due; without an e-mail transport it does nothing (and says so). */
export async function runRemindersJob(now = new Date()) {
  if (!emailTransportName()) return { skipped: "no e-mail transport" };
  const report = await runReminders({ now });
  return { fiscalYear: report.fiscalYear, sent: report.sent, alreadySent: report.alreadySent };
}

// ───────────────────────── the opt-out ─────────────────────────

/** Whether the user turned their reminders off (/admin/account). */
export function getOwnRemindersOff(userId: string) {
  return getRemindersOff(userId);
}

/** A user turns their own reminders off (or on again); audited like the other account changes. */
export async function setOwnReminders(userId: string, off: boolean) {
  await prisma.$transaction(async (tx) => {
    await setRemindersOff(userId, off, tx);
    await recordAudit(
      { action: off ? "user.reminders-off" : "user.reminders-on", outcome: "ok", actorId: userId, target: `user:${userId}` },
      tx as typeof prisma,
    );
  });
}
