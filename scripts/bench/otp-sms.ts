// The OTP SMS in segments (issue 20 §5, docs/decisions/029): over every agency name of the national
// seed (`npm run seed:national`, its plan read without a database), the message as it was before
// decision 029 and as app/domain/otp-message.ts builds it now, in Thai and English; the SMS cost per
// 1,000 responses at a price per segment; and the host lengths up to which the name stays whole /
// the WebOTP line stays. No database, no network: a few seconds.
// Usage: npx tsx scripts/bench/otp-sms.ts [--host ita.nacc.go.th] [--agencies 8300] [--price 0.20,0.35]
import { parseArgs } from "node:util";
import { otpSms, smsSegments } from "~/domain/otp-message";
import { planNationalAgencies } from "../../prisma/data/national-agencies";
import { hashSeed, seededRandom } from "../../prisma/factories";

const { values: args } = parseArgs({
  options: {
    host: { type: "string", default: "ita.nacc.go.th" },
    agencies: { type: "string", default: "8300" },
    price: { type: "string", default: "0.20,0.35" },
  },
});
const count = Number(args.agencies);
const prices = args.price.split(",").map(Number);
const host = args.host;

// The text sent until decision 029 (the SMS and the e-mail alike): eit.otp.message of app/utils/i18n.ts then.
const BEFORE = {
  th: (agency: string, code: string) => `รหัส OTP แบบวัด ITA ของ${agency}: ${code} (ใช้ได้ 10 นาที) อย่าบอกรหัสนี้กับผู้อื่น`,
  en: (agency: string, code: string) => `Your ITA survey code for ${agency}: ${code} (valid 10 minutes). Do not share it.`,
};
const CODE = "123456";

const planned = planNationalAgencies(count, seededRandom(hashSeed(`national-${count}`)));
const names = { th: planned.map((agency) => agency.nameTh), en: planned.map((agency) => agency.nameEn) };

type Tally = { segments: Map<number, number>; total: number; maxUnits: number };
function tally(texts: string[]): Tally {
  const out: Tally = { segments: new Map(), total: 0, maxUnits: 0 };
  for (const text of texts) {
    const { segments, units } = smsSegments(text);
    out.segments.set(segments, (out.segments.get(segments) ?? 0) + 1);
    out.total += segments;
    out.maxUnits = Math.max(out.maxUnits, units);
  }
  return out;
}
const spread = (t: Tally) =>
  [...t.segments]
    .sort((a, b) => a[0] - b[0])
    .map(([segments, n]) => `${segments} segment${segments === 1 ? "" : "s"}: ${n.toLocaleString("en")}`)
    .join(", ");
const mean = (t: Tally, n: number) => t.total / n;
const baht = (segmentsPerMessage: number) => prices.map((price) => `${(segmentsPerMessage * 1000 * price).toFixed(0)} THB at ${price.toFixed(2)}`).join(" · ");

console.log(`OTP SMS over the national seed's ${planned.length.toLocaleString("en")} agency names, host ${host} (${host.length} characters)\n`);
const means: Record<string, number> = {};
for (const lang of ["th", "en"] as const) {
  const before = tally(names[lang].map((name) => BEFORE[lang](name, CODE)));
  const built = names[lang].map((name) => otpSms({ lang, code: CODE, agencyName: name, host }));
  const after = tally(built.map((sms) => sms.text));
  const fate = new Map<string, number>();
  for (const sms of built) fate.set(sms.agency, (fate.get(sms.agency) ?? 0) + 1);
  const withWebOtp = built.filter((sms) => sms.webOtp).length;
  const withValidity = built.filter((sms) => /10 (นาที|minutes)/.test(sms.text)).length;
  means[`${lang}-before`] = mean(before, built.length);
  means[`${lang}-after`] = mean(after, built.length);
  console.log(`${lang === "th" ? "Thai (UCS-2, 70 / 67)" : "English (GSM-7, 160 / 153)"}`);
  console.log(
    `  before: ${spread(before)}; mean ${mean(before, built.length).toFixed(2)} segments, longest ${before.maxUnits} units — per 1,000 OTPs ${baht(mean(before, built.length))}`,
  );
  console.log(
    `  after:  ${spread(after)}; mean ${mean(after, built.length).toFixed(2)} segments, longest ${after.maxUnits} units — per 1,000 OTPs ${baht(mean(after, built.length))}`,
  );
  console.log(
    `          agency name: ${[...fate].map(([how, n]) => `${how} ${n.toLocaleString("en")}`).join(", ")}; WebOTP line in ${withWebOtp.toLocaleString("en")}; the validity in ${withValidity.toLocaleString("en")}`,
  );
  const longest = built.reduce((a, b) => (smsSegments(b.text).units > smsSegments(a.text).units ? b : a));
  console.log(`          longest: ${JSON.stringify(longest.text)}\n`);
}

// Host lengths: the longest host (any host of that length: one unit per character) that keeps every
// name of the seed whole or abbreviated / keeps the WebOTP line in every message.
// Both hold up to some length and fail beyond it, so a binary search over 1–200 finds it.
function longestHost(lang: "th" | "en", holds: (sms: ReturnType<typeof otpSms>) => boolean): number {
  const distinct = [...new Set(names[lang])];
  let [low, high] = [0, 200];
  while (low < high) {
    const length = Math.ceil((low + high) / 2);
    const probe = "h".repeat(length);
    if (distinct.every((name) => holds(otpSms({ lang, code: CODE, agencyName: name, host: probe })))) low = length;
    else high = length - 1;
  }
  return low;
}
for (const lang of ["th", "en"] as const) {
  const whole = longestHost(lang, (sms) => sms.webOtp && (sms.agency === "whole" || sms.agency === "abbreviated"));
  const webOtp = longestHost(lang, (sms) => sms.webOtp);
  console.log(`${lang}: every name uncut (and the WebOTP line) up to a host of ${whole} characters; the WebOTP line in every message up to ${webOtp}`);
}
console.log(
  `\nPer 1,000 responses with one OTP each (resends add theirs): Thai ${means["th-before"].toFixed(2)} → ${means["th-after"].toFixed(2)} segments a message, ` +
    `${Math.round(means["th-before"] * 1000)} → ${Math.round(means["th-after"] * 1000)} segments\n`,
);
