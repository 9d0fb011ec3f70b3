// Issue 18 §6, the proof that the CURRENT code holds with several instances on one PostgreSQL
// (test/reliability/fleet.ts): real server processes on their own ports, one database, clients
// spread over them.
//   1. 10,000 IIT and EIT-1 submits with retries over two instances; `kill -9` of one mid-load,
//      its clients retry on the other → lost 0, doubled 0, tally = rows = acknowledgements.
//   2. An OTP brute force and an SMS-budget drain sent to BOTH instances at once get no more tries
//      or messages than the limits one instance enforces (app/models/otp.server.ts), counted at a
//      real local HTTP SMS gateway stand-in and in the challenges' own rows.
// PostgreSQL only: SQLite is the single-instance default (one writer process per file).
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import {
  OTP_ADDRESS_AGENCY_SHARE,
  OTP_ADDRESS_BUDGET_SHARE,
  OTP_ADDRESS_HOURLY_LIMIT,
  OTP_MAX_ATTEMPTS,
  OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY,
  otpFormToken,
  PER_CONTACT_WINDOWS,
  readOtpEvent,
} from "~/models/otp.server";
import { registeredAgency } from "../fixtures/db";
import { prepareSubmissions, reconcile, serverErrors, talliesAgainstRows, writtenSubmissions } from "./app-server";
import { cookieFrom, driveFleet, type Fleet, type FormAnswer, postForm, type SmsMessage, startFleet, startSmsGateway } from "./fleet";

const onPostgres = dbTarget.provider === "postgres";
const skipped = onPostgres ? "" : " — skipped: SQLite is the single-instance default; run with TEST_DATABASE=postgres";

const SUBMITS = Number(process.env.FLEET_SUBMITS ?? 10_000);
const CONCURRENCY = 200;
const KILL_AT = 0.4; // fraction of SUBMITS acknowledged when one instance is killed
const HEDGE_EVERY = 50; // every 50th submission goes to both instances at once

describe.skipIf(!onPostgres)(`fleet: ${SUBMITS} submits over two instances on one PostgreSQL, kill -9 of one mid-load${skipped}`, () => {
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    fleet = await startFleet({ instances: 2, databaseUrl: process.env.DATABASE_URL! });
  });
  afterAll(async () => fleet?.stop("SIGKILL"));

  it("loses nothing and counts nothing twice; tally = rows = acknowledgements", async () => {
    const { instances } = fleet!;
    const agency = await registeredAgency({ internalPopulation: 1_000_000, externalPopulation: 1_000_000 });
    const submissions = await prepareSubmissions(agency, SUBMITS);

    let acknowledged = 0;
    const started = performance.now();
    const load = driveFleet(
      instances.map((instance) => instance.url),
      submissions,
      { concurrency: CONCURRENCY, hedgeEvery: HEDGE_EVERY, onAcknowledged: (count) => (acknowledged = count), giveUpAfterMs: 150_000 },
    );
    while (acknowledged < SUBMITS * KILL_AT) await sleep(5);
    const acknowledgedAtKill = acknowledged;
    await fleet!.kill(1);
    const report = await load;
    const seconds = (performance.now() - started) / 1000;

    const written = await writtenSubmissions(agency);
    const { lost, duplicates, unacknowledged } = reconcile(report.acknowledged, written.byIndex);
    const networkErrors = [...report.outcomes].filter(([outcome]) => !/^\d+$/.test(outcome)).reduce((sum, [, n]) => sum + n, 0);
    const fiveHundreds = [...report.outcomes].filter(([outcome]) => /^5\d\d$/.test(outcome)).reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `[fleet] ${SUBMITS} submits, ${CONCURRENCY} clients over 2 instances, ${seconds.toFixed(1)} s · kill -9 of one at ${acknowledgedAtKill} acknowledged · ` +
        `attempts ${report.attempts} · retried on the other ${report.retriedElsewhere} · hedged ${report.hedged} · acknowledged by instance ${JSON.stringify(report.acknowledgedBy)} · ` +
        `network errors ${networkErrors} · 5xx ${fiveHundreds} · acknowledged ${report.acknowledged.size} · rows ${written.rows} · lost ${lost.length} · duplicates ${duplicates.length} · ` +
        `outcomes ${JSON.stringify(Object.fromEntries(report.outcomes))}`,
    );

    // Both instances served, and the kill hit requests in flight that then went to the survivor
    // (else this test proves nothing about a fleet).
    expect(report.acknowledgedBy.every((count) => count > 0)).toBe(true);
    expect(networkErrors).toBeGreaterThan(0);
    expect(report.retriedElsewhere).toBeGreaterThan(0);
    expect(report.unexpected.slice(0, 5)).toEqual([]);
    expect(report.acknowledged.size).toBe(SUBMITS);
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(unacknowledged).toEqual([]);
    expect(written.rows).toBe(SUBMITS);
    expect(fiveHundreds).toBe(0);
    expect(serverErrors(instances[0])).toEqual([]);
    for (const { instrument, tally, rows, daily } of await talliesAgainstRows(agency)) {
      if (instrument === "eit2") continue;
      expect({ instrument, tally, daily }).toEqual({ instrument, tally: rows, daily: rows });
      expect(rows).toBe(SUBMITS / 2);
    }
  });
});

// Small limits, so a drain reaches every one of them in a few hundred requests.
const DAILY_BUDGET = 100;
const AGENCY_HOURLY_LIMIT = 12;
const GATEWAY_KEY = "fleet-test-gateway-key";
/** What one client address may ask for in a day at one agency (its three caps, the lowest). */
const PER_ADDRESS = Math.min(
  OTP_ADDRESS_HOURLY_LIMIT,
  Math.max(1, Math.floor(DAILY_BUDGET * OTP_ADDRESS_BUDGET_SHARE)),
  Math.max(1, Math.floor(AGENCY_HOURLY_LIMIT * OTP_ADDRESS_AGENCY_SHARE)),
);
const PER_NUMBER = PER_CONTACT_WINDOWS[0].limit; // sends per number and client in 10 minutes

/** A Thai mobile number of its own for (series, index); canonical form as the gateway sees it. */
const phone = (series: number, index: number) => `08${series}${String(index).padStart(7, "0")}`;
const canonical = (local: string) => `+66${local.slice(1)}`;
const codeIn = (message: SmsMessage) => /^(\d{6})\b/.exec(message.text)?.[1] ?? null;

/**
 * The limits are hourly and daily (UTC) windows: a run that straddled the turn of an hour would
 * see two windows and twice the limits, so a run that starts in the last 100 s of an hour waits.
 */
async function awayFromHourBoundary(neededMs = 100_000) {
  const intoHour = Date.now() % 3_600_000;
  if (3_600_000 - intoHour < neededMs) await sleep(3_600_000 - intoHour + 1000);
}

describe.skipIf(!onPostgres)(`fleet: OTP limits hold across two instances on one PostgreSQL${skipped}`, () => {
  let fleet: Fleet | undefined;
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  let urls: string[];
  beforeAll(async () => {
    await awayFromHourBoundary();
    gateway = await startSmsGateway(GATEWAY_KEY);
    fleet = await startFleet({
      instances: 2,
      databaseUrl: process.env.DATABASE_URL!,
      env: {
        OTP_TRANSPORT: "http-sms",
        SMS_GATEWAY_URL: gateway.url,
        SMS_GATEWAY_KEY: GATEWAY_KEY,
        OTP_DAILY_BUDGET: String(DAILY_BUDGET),
        OTP_AGENCY_HOURLY_LIMIT: String(AGENCY_HOURLY_LIMIT),
      },
    });
    urls = fleet.instances.map((instance) => instance.url);
  }, 180_000);
  afterAll(async () => {
    await fleet?.stop();
    await gateway?.close();
  });

  const messagesTo = (numbers: string[]) => {
    const wanted = new Set(numbers.map(canonical));
    return gateway.messages.filter((message) => wanted.has(message.to));
  };
  /** Waits for `expected` messages to `numbers` (or 10 s), then a grace period for any extra. */
  async function settledMessagesTo(numbers: string[], expected: number) {
    const deadline = Date.now() + 10_000;
    while (messagesTo(numbers).length < expected && Date.now() < deadline) await sleep(20);
    await sleep(500);
    return messagesTo(numbers);
  }
  /** Asks for a code for each request at once, spread over both instances. */
  function requestCodes(agency: { id: string; slug: string }, requests: { contact: string; from: string }[]) {
    const formToken = otpFormToken(agency.id);
    return Promise.all(requests.map(({ contact, from }, i) => postForm(urls[i % urls.length], `/e/${agency.slug}`, { contact, formToken }, { from })));
  }
  const issued = (answers: FormAnswer[]) => answers.filter((answer) => answer.status === 302 && /\/verify$/.test(answer.location ?? "")).length;
  const busy = (answers: FormAnswer[]) => answers.filter((answer) => answer.status === 429).length;

  it(`brute force of one number's codes through both instances: ${OTP_MAX_ATTEMPTS} tries per challenge, ${OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY} evaluated per number and day`, async () => {
    const fx = await registeredAgency();
    const number = phone(1, 0);
    const CHALLENGES = 6; // 6 × 5 tries = 30 > the number's 20 a day
    const GUESSES = 8; // per challenge, more than its 5
    const challenges: { cookie: string; code: string }[] = [];
    for (let k = 0; k < CHALLENGES; k++) {
      // From a different address each time (the per-number-and-client send limit is 3 per 10 min).
      const answer = await postForm(
        urls[k % 2],
        `/e/${fx.agency.slug}`,
        { contact: number, formToken: otpFormToken(fx.agency.id) },
        { from: `127.0.1.${k + 1}` },
      );
      expect(answer.status, answer.body.slice(0, 200)).toBe(302);
      const [message] = (await settledMessagesTo([number], k + 1)).slice(k);
      expect(message, `message ${k + 1} to the gateway`).toBeDefined();
      challenges.push({ cookie: cookieFrom(answer, "ita_otp")!, code: codeIn(message)! });
    }
    expect(challenges.every(({ cookie, code }) => cookie && /^\d{6}$/.test(code))).toBe(true);

    // Every wrong guess at once, each challenge's guesses alternating between the instances.
    const guesses = challenges.flatMap(({ cookie, code }, k) =>
      Array.from({ length: GUESSES }, (_, g) => ({
        url: urls[(k + g) % 2],
        cookie,
        code: String((Number(code) + 1 + g) % 1_000_000).padStart(6, "0"),
      })),
    );
    const answers = await Promise.all(guesses.map(({ url, cookie, code }) => postForm(url, `/e/${fx.agency.slug}/verify`, { code }, { cookie })));
    const rows = await prisma.otpChallenge.findMany({ where: { agencyId: fx.agency.id }, select: { attempts: true } });
    const evaluatedWrong = await readOtpEvent("wrong", fx.agency.id, new Date());
    const statuses = answers.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
    console.log(
      `[fleet otp] ${guesses.length} wrong guesses at ${CHALLENGES} challenges over 2 instances → answers ${JSON.stringify(statuses)} · evaluated ${evaluatedWrong} · attempts per challenge ${JSON.stringify(rows.map((row) => row.attempts))}`,
    );

    // Each challenge counted exactly its 5 tries, wherever they landed…
    expect(rows.map((row) => row.attempts)).toEqual(Array(CHALLENGES).fill(OTP_MAX_ATTEMPTS));
    // …and the number's daily ceiling let exactly 20 of the 30 tries be compared; the other 10 were told to wait.
    expect(evaluatedWrong).toBe(OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY);
    expect(statuses[429]).toBe(CHALLENGES * OTP_MAX_ATTEMPTS - OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY);
    expect(statuses[400]).toBe(guesses.length - statuses[429]);
    expect(answers.some((answer) => answer.status === 302)).toBe(false);

    // Out of tries: the right code is refused on either instance.
    for (const [k, url] of [
      [0, urls[1]],
      [CHALLENGES - 1, urls[0]],
    ] as const) {
      const right = await postForm(url, `/e/${fx.agency.slug}/verify`, { code: challenges[k].code }, { cookie: challenges[k].cookie });
      expect(right.status).toBe(400);
      expect(right.location).toBeNull();
    }
  });

  it(`SMS drain through both instances at once: per number ${PER_NUMBER}, per address ${PER_ADDRESS}, per agency ${AGENCY_HOURLY_LIMIT}, in all ${DAILY_BUDGET}`, async () => {
    // The per-address cap must be above the per-number one, or the first drain measures the wrong limit.
    expect(PER_ADDRESS).toBeGreaterThan(PER_NUMBER);
    const counted: Record<string, unknown> = {};

    // One number from one address, 20 requests: the address lets 5 through, the number gets 3 messages.
    const one = await registeredAgency();
    const number = phone(2, 0);
    const byNumber = await requestCodes(
      one.agency,
      Array.from({ length: 20 }, () => ({ contact: number, from: "127.0.2.1" })),
    );
    const toNumber = await settledMessagesTo([number], PER_NUMBER);
    counted.perNumber = { issued: issued(byNumber), busy: busy(byNumber), messages: toNumber.length };
    expect(toNumber.length).toBe(PER_NUMBER);
    expect(issued(byNumber)).toBe(PER_ADDRESS);
    expect(busy(byNumber)).toBe(20 - PER_ADDRESS);

    // Twenty numbers from one address: the address's share.
    const two = await registeredAgency();
    const addressNumbers = Array.from({ length: 20 }, (_, i) => phone(3, i));
    const byAddress = await requestCodes(
      two.agency,
      addressNumbers.map((contact) => ({ contact, from: "127.0.3.1" })),
    );
    const toAddress = await settledMessagesTo(addressNumbers, PER_ADDRESS);
    counted.perAddress = { issued: issued(byAddress), busy: busy(byAddress), messages: toAddress.length };
    expect(toAddress.length).toBe(PER_ADDRESS);
    expect(busy(byAddress)).toBe(20 - PER_ADDRESS);

    // Forty numbers from forty addresses at one agency: its hourly ceiling.
    const three = await registeredAgency();
    const agencyNumbers = Array.from({ length: 40 }, (_, i) => phone(4, i));
    const byAgency = await requestCodes(
      three.agency,
      agencyNumbers.map((contact, i) => ({ contact, from: `127.0.4.${i + 1}` })),
    );
    const toAgency = await settledMessagesTo(agencyNumbers, AGENCY_HOURLY_LIMIT);
    counted.perAgency = { issued: issued(byAgency), busy: busy(byAgency), messages: toAgency.length };
    expect(toAgency.length).toBe(AGENCY_HOURLY_LIMIT);
    expect(busy(byAgency)).toBe(40 - AGENCY_HOURLY_LIMIT);

    // The rest of the national budget and 40 more, spread so that no agency reaches its ceiling and
    // no address its share: only the budget can stop them.
    const remaining = DAILY_BUDGET - gateway.messages.length;
    expect(remaining).toBeGreaterThan(0);
    const requests = remaining + 40;
    const agencies = await Promise.all(Array.from({ length: Math.ceil(requests / AGENCY_HOURLY_LIMIT) }, () => registeredAgency()));
    const budgetNumbers = Array.from({ length: requests }, (_, i) => phone(5, i));
    const byBudget = await Promise.all(
      budgetNumbers.map((contact, i) => {
        const { agency } = agencies[i % agencies.length];
        return postForm(
          urls[i % 2],
          `/e/${agency.slug}`,
          { contact, formToken: otpFormToken(agency.id) },
          { from: `127.0.${5 + Math.floor(i / 250)}.${(i % 250) + 1}` },
        );
      }),
    );
    const toBudget = await settledMessagesTo(budgetNumbers, remaining);
    counted.budget = { requests, issued: issued(byBudget), busy: busy(byBudget), messages: toBudget.length };
    await sleep(1000); // anything late would still arrive
    counted.total = gateway.messages.length;
    console.log(`[fleet sms] ${JSON.stringify(counted)}`);
    expect(toBudget.length).toBe(remaining);
    expect(busy(byBudget)).toBe(40);
    expect(gateway.messages.length).toBe(DAILY_BUDGET);
    expect(fleet!.instances.flatMap(serverErrors)).toEqual([]);
  });
});
