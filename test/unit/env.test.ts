// app/env.server.ts: the settings the server refuses to start with. Attack L9: DEMO_MODE (OTPs on
// a public page, 2FA optional) was accepted with NODE_ENV=production on any address.
import { describe, expect, it, vi } from "vitest";

// Importing the module parses process.env once; give it a secret so it writes no local file.
vi.hoisted(() => {
  process.env.APP_SECRET ||= "unit-test-secret-unit-test-secret-0123456789";
});
const { isLoopbackUrl, metricsListener, parseEnv } = await import("~/env.server");

const SECRET = "unit-test-secret-unit-test-secret-0123456789";
// How scripts/start.js, the tests and the benchmarks run the demo: the production build on this machine.
const demo = { NODE_ENV: "production" as const, DEMO_MODE: "true", APP_SECRET: SECRET, ADMIN_REQUIRE_2FA: "false" };

describe("parseEnv: DEMO_MODE in production (attack L9)", () => {
  it.each([undefined, "http://localhost:3000", "http://127.0.0.1:3000", "http://127.8.9.10", "http://[::1]:3000", "http://LOCALHOST/"])(
    "accepts the local demo with PUBLIC_BASE_URL=%s",
    (url) => {
      const env = parseEnv({ ...demo, ...(url ? { PUBLIC_BASE_URL: url } : {}) });
      expect(env.DEMO_MODE).toBe(true);
      expect(env.ADMIN_REQUIRE_2FA).toBe(false);
    },
  );

  it.each([
    "https://ita.example.go.th",
    "http://192.0.2.10:3000",
    "http://[2001:db8::1]/",
    "http://localhost.evil.example",
    "http://10.0.0.1",
    "http://0.0.0.0:3000",
  ])("refuses a demo reachable from outside (PUBLIC_BASE_URL=%s) with a clear message", (url) => {
    expect(() => parseEnv({ ...demo, PUBLIC_BASE_URL: url })).toThrow(/DEMO_MODE: is refused in production unless PUBLIC_BASE_URL is on this machine/);
  });

  it("production without DEMO_MODE on a public address is fine; DEMO_MODE outside production is not checked", () => {
    expect(() =>
      parseEnv({
        NODE_ENV: "production" as const,
        APP_SECRET: SECRET,
        PUBLIC_BASE_URL: "https://ita.example.go.th",
        OTP_TRANSPORT: "http-sms",
        SMS_GATEWAY_URL: "https://sms.example",
        SMS_GATEWAY_KEY: "k",
      }),
    ).not.toThrow();
    expect(parseEnv({ NODE_ENV: "development" as const, DEMO_MODE: "true", APP_SECRET: SECRET, PUBLIC_BASE_URL: "https://ita.example.go.th" }).DEMO_MODE).toBe(
      true,
    );
  });

  it("isLoopbackUrl: only localhost, 127.0.0.0/8 and ::1", () => {
    expect(isLoopbackUrl("http://127.1")).toBe(true); // the URL parser spells it 127.0.0.1
    expect(isLoopbackUrl("http://[::ffff:127.0.0.1]")).toBe(false);
    expect(isLoopbackUrl("http://128.0.0.1")).toBe(false);
    expect(isLoopbackUrl("not a url")).toBe(false);
  });
});

describe("parseEnv: PUBLIC_BASE_URL", () => {
  it("defaults to http://localhost:$PORT, so the links npm start prints reach the port it serves on", () => {
    expect(parseEnv({ NODE_ENV: "development" as const, APP_SECRET: SECRET }).PUBLIC_BASE_URL).toBe("http://localhost:3000");
    expect(parseEnv({ NODE_ENV: "development" as const, APP_SECRET: SECRET, PORT: "8080" }).PUBLIC_BASE_URL).toBe("http://localhost:8080");
    expect(parseEnv({ ...demo, PORT: "4123" }).PUBLIC_BASE_URL).toBe("http://localhost:4123");
  });

  it("an explicit PUBLIC_BASE_URL wins over the port, and a relative one is refused", () => {
    expect(parseEnv({ NODE_ENV: "development" as const, APP_SECRET: SECRET, PORT: "8080", PUBLIC_BASE_URL: "https://ita.example.go.th" }).PUBLIC_BASE_URL).toBe(
      "https://ita.example.go.th",
    );
    expect(() => parseEnv({ NODE_ENV: "development" as const, APP_SECRET: SECRET, PUBLIC_BASE_URL: "/ita" })).toThrow(
      /PUBLIC_BASE_URL: must be an absolute URL/,
    );
  });
});

describe("parseEnv: logs and metrics (docs/decisions/022)", () => {
  const base = { NODE_ENV: "development" as const, APP_SECRET: SECRET };
  it("logs at info and serves no metrics unless told", () => {
    const env = parseEnv(base);
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.METRICS_ADDRESS).toBeUndefined();
  });

  it("takes a metrics address with an IP or localhost and a port of its own", () => {
    for (const [address, listener] of [
      ["127.0.0.1:9464", { host: "127.0.0.1", port: 9464 }],
      ["[::1]:9464", { host: "::1", port: 9464 }],
      ["localhost:9100", { host: "localhost", port: 9100 }],
      ["10.0.0.5:9464", { host: "10.0.0.5", port: 9464 }],
    ] as const) {
      expect(parseEnv({ ...base, METRICS_ADDRESS: address }).METRICS_ADDRESS).toBe(address);
      expect(metricsListener(address)).toEqual(listener);
    }
  });

  it.each([
    ["9464", /METRICS_ADDRESS: must be "address:port"/],
    ["metrics.example:9464", /METRICS_ADDRESS: must be "address:port"/],
    ["127.0.0.1:99999", /METRICS_ADDRESS: has a port outside 1–65535/],
    ["127.0.0.1:3000", /METRICS_ADDRESS: must use a port other than PORT/],
  ])("refuses METRICS_ADDRESS=%s with a clear message", (address, message) => {
    expect(() => parseEnv({ ...base, PORT: "3000", METRICS_ADDRESS: address })).toThrow(message);
  });

  it("refuses an unknown LOG_LEVEL", () => {
    expect(() => parseEnv({ ...base, LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL: must be one of/);
  });
});
