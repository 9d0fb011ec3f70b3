// The OTP message a citizen actually gets (issue 20 §5, decision 029), read back from the outbox
// after the real route actions: the landing page and the resume page of an expired survey build it
// with the one builder — the code first, one segment, the WebOTP line `@<PUBLIC_BASE_URL host> #code`
// last, the agency abbreviated. (The e-mail keeps the fuller text: otp-delivery.test.ts reads it.)
import { describe, expect, it } from "vitest";

process.env.PUBLIC_BASE_URL = "https://ita.nacc.go.th"; // before any app module parses the environment
const HOST = "ita.nacc.go.th";

const { ita2568 } = await import("~/domain/rulesets/ita-2568");
const { smsSegments } = await import("~/domain/otp-message");
const { prisma } = await import("~/db.server");
const { otpFormToken } = await import("~/models/otp.server");
const landingRoute = await import("~/routes/e.$slug._index");
const verifyRoute = await import("~/routes/e.$slug.verify");
const resumeRoute = await import("~/routes/e.$slug.resume");
const { randomToken } = await import("~/utils/crypto.server");
const { langCookie } = await import("~/utils/lang.server");
const { outcome } = await import("../fixtures/http");
const { readOutbox } = await import("../fixtures/outbox");
const { CookieJar, registeredAgency } = await import("../fixtures/db");
const { randomAnswers, seededRandom } = await import("../../prisma/factories");
const { silenceOtpConsole } = await import("../fixtures/quiet-otp-console");

type RouteFn = (args: { request: Request; params: { slug: string }; context: { clientAddress: string } }) => Promise<unknown>;
type Jar = InstanceType<typeof CookieJar>;

silenceOtpConsole();

/** An open agency named like a real อบต. (the fixture's generated name has no kind to abbreviate). */
async function sao() {
  const fx = await registeredAgency();
  const agency = await prisma.agency.update({
    where: { id: fx.agency.id },
    data: { nameTh: "องค์การบริหารส่วนตำบลบ้านแร่", nameEn: "Ban Rae Subdistrict Administrative Organization" },
  });
  return { ...fx, agency };
}

async function post(route: unknown, slug: string, path: string, fields: Record<string, string>, jar: Jar) {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
  });
  const result = await outcome(() => (route as RouteFn)({ request, params: { slug }, context: { clientAddress: "198.51.100.7" } }));
  jar.absorb(new Response(null, { headers: result.headers }));
  return result;
}

async function englishJar() {
  const jar = new CookieJar();
  jar.absorb(new Response(null, { headers: { "Set-Cookie": await langCookie.serialize("en") } }));
  return jar;
}

const sentTo = async (masked: string) => (await readOutbox()).find((entry) => entry.to === masked)?.text ?? "";

describe("the OTP SMS through the routes", () => {
  it("landing page, Thai: the code first, อบต. abbreviated, `@ita.nacc.go.th #code` last, one segment — and the code verifies", async () => {
    const fx = await sao();
    const jar = new CookieJar();
    const sent = await post(
      landingRoute.action,
      fx.agency.slug,
      `/e/${fx.agency.slug}`,
      { contact: "081-555-0101", formToken: otpFormToken(fx.agency.id) },
      jar,
    );
    expect(sent.headers.get("Location")).toBe(`/e/${fx.agency.slug}/verify`);
    const text = await sentTo("081-xxx-0101");
    const code = /^(\d{6}) /.exec(text)?.[1];
    expect(text).toBe(`${code} รหัส OTP ITA อบต.บ้านแร่ ใช้ได้ 10 นาที\n@${HOST} #${code}`);
    expect(smsSegments(text)).toMatchObject({ encoding: "ucs2", segments: 1 });

    const verified = await post(verifyRoute.action, fx.agency.slug, `/e/${fx.agency.slug}/verify`, { code: code! }, jar);
    expect(verified.headers.get("Location")).toBe(`/e/${fx.agency.slug}/eligibility`);
  });

  it("landing page, English: GSM-7, one segment, the code first and the WebOTP line last", async () => {
    const fx = await sao();
    await post(
      landingRoute.action,
      fx.agency.slug,
      `/e/${fx.agency.slug}`,
      { contact: "081-555-0102", formToken: otpFormToken(fx.agency.id) },
      await englishJar(),
    );
    const text = await sentTo("081-xxx-0102");
    const code = /^(\d{6}) /.exec(text)?.[1];
    expect(text).toBe(
      `${code} is your ITA survey code for Ban Rae Subdistrict Administrative Organization. Valid for 10 minutes. Do not share it.\n@${HOST} #${code}`,
    );
    expect(smsSegments(text)).toMatchObject({ encoding: "gsm7", segments: 1 });
  });

  it("the resume page of an expired survey sends the same message (one builder)", async () => {
    const fx = await sao();
    const answers = Object.fromEntries(Object.entries(randomAnswers(ita2568, "eit", seededRandom(3))).map(([key, value]) => [key, String(value)]));
    const fields = {
      submissionKey: randomToken(16),
      ...answers,
      "screening:respondent-type": "individual",
      "screening:dealt-in-year": "yes",
      intent: "send",
      contact: "081-555-0103",
      formToken: otpFormToken(fx.agency.id),
    };
    const sent = await post(resumeRoute.action, fx.agency.slug, `/e/${fx.agency.slug}/resume`, fields, new CookieJar());
    expect((sent.data as { stage: string }).stage).toBe("otp");
    const text = await sentTo("081-xxx-0103");
    const code = /^(\d{6}) /.exec(text)?.[1];
    expect(text).toBe(`${code} รหัส OTP ITA อบต.บ้านแร่ ใช้ได้ 10 นาที\n@${HOST} #${code}`);
  });
});
