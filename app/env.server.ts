// The one place that reads process.env (with prisma.config.ts for the CLI). Parsed once at boot;
// a bad or missing setting stops the server with a readable list.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./utils/database-url";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((url) => url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url), {
        error: 'must start with "file:" (SQLite) or "postgres://" (PostgreSQL)',
      }),
    // Root secret for keyed hashes (IIT codes, OTPs, contact markers) and encryption at rest
    // (TOTP secrets, cycle keys). ≥ 32 characters; generate with `openssl rand -base64 48`.
    APP_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
    // The public address people reach (printed in QR codes and links). Unset: http://localhost:$PORT
    // (filled in below), so the links `npm start` prints reach the port it serves on.
    PUBLIC_BASE_URL: z.url({ error: "must be an absolute URL" }).optional(),
    // The HTTP server (scripts/serve.js reads these through the build's `serverSettings`).
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().optional(),
    // Behind a reverse proxy: the number of hops (e.g. 1) or Express's list of trusted addresses.
    TRUST_PROXY: z.string().optional(),
    // Fair admission (docs/decisions/007): requests started per event-loop turn.
    ADMIT_PER_TURN: z.coerce.number().int({ error: "must be a whole number ≥ 1" }).min(1, { error: "must be a whole number ≥ 1" }).default(8),
    SLOW_QUERY_MS: z.coerce.number().int().positive().default(250),
    // SIGTERM/SIGINT (scripts/serve.js, docs/decisions/021): how long requests in flight may still
    // take; whatever is left then is cut and the process exits about a second later. The default
    // keeps the exit within 10 s, under systemd's TimeoutStopSec.
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(100).max(60_000).default(9000),
    // Public results (docs/decisions/023): how often a process asks whether publication has moved
    // on (one small query), and how long browsers and proxies may keep a public page or file.
    PUBLIC_RESULTS_RECHECK_SECONDS: z.coerce.number().int({ error: "must be a whole number of seconds ≥ 0" }).min(0).default(30),
    PUBLIC_RESULTS_MAX_AGE_SECONDS: z.coerce.number().int({ error: "must be a whole number of seconds ≥ 0" }).min(0).default(120),
    // Structured JSON logs on stdout (app/utils/logger.server.ts, docs/decisions/022).
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" })
      .default("info"),
    // Prometheus /metrics on a listener of its own, for the operator only (docs/decisions/022).
    // Unset: no metrics listener at all. "127.0.0.1:9464", "[::1]:9464" or "10.0.0.5:9464".
    METRICS_ADDRESS: z
      .string()
      .regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]|localhost):\d{1,5}$/, {
        error: 'must be "address:port" with an IP address or localhost, e.g. 127.0.0.1:9464 (never the public port)',
      })
      .optional(),
    // The local demo (scripts/start.js) sets this: demo data, and OTPs shown on /dev/outbox.
    DEMO_MODE: z.stringbool().default(false),

    // EIT-1 one-time passcodes (app/utils/otp-delivery.server.ts): phones go through
    // OTP_TRANSPORT, e-mail addresses (if an agency allows them) through EMAIL_TRANSPORT.
    OTP_TRANSPORT: z.enum(["console", "http-sms"]).optional(),
    EMAIL_TRANSPORT: z.enum(["console", "smtp"]).optional(),
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().positive().default(587),
    SMTP_SECURE: z.stringbool().default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    SMTP_FROM: z.string().default("ITA <no-reply@localhost>"),
    SMS_GATEWAY_URL: z.url({ error: "must be an absolute URL" }).optional(),
    SMS_GATEWAY_KEY: z.string().optional(),
    SMS_SENDER: z.string().default("ITA"),
    // SMS cost controls (shared/security.md → SMS pumping). The kill switch stops every send.
    OTP_SENDING_DISABLED: z.stringbool().default(false),
    OTP_DAILY_BUDGET: z.coerce.number().int().nonnegative().default(20_000),
    OTP_AGENCY_HOURLY_LIMIT: z.coerce.number().int().positive().default(300),
    // The validity of a citizen's OTP (≤ 10 minutes, shared/security.md). Shorter only for tests
    // that must outlive it (test/reliability/outbox.test.ts).
    OTP_TTL_SECONDS: z.coerce
      .number()
      .int({ error: "must be a whole number of seconds, 5 to 600" })
      .min(5, { error: "must be a whole number of seconds, 5 to 600" })
      .max(600, { error: "must be at most 600 (10 minutes, shared/security.md)" })
      .default(600),
    // The outbox (docs/decisions/018): every SMS and e-mail is a row, sent by a worker in each
    // server process. How often it looks, how long a claim lasts (a killed sender's message is
    // taken over after it), the retry backoff (doubling from BASE up to MAX) and the tries before
    // a message is "failed". Finished rows are deleted after OUTBOX_KEEP_DAYS.
    OUTBOX_POLL_MS: z.coerce
      .number()
      .int({ error: "must be a whole number of milliseconds ≥ 10" })
      .min(10, { error: "must be a whole number of milliseconds ≥ 10" })
      .default(500),
    OUTBOX_LEASE_MS: z.coerce
      .number()
      .int({ error: "must be a whole number of milliseconds ≥ 1000" })
      .min(1000, { error: "must be a whole number of milliseconds ≥ 1000" })
      .default(60_000),
    OUTBOX_RETRY_BASE_MS: z.coerce
      .number()
      .int({ error: "must be a whole number of milliseconds ≥ 10" })
      .min(10, { error: "must be a whole number of milliseconds ≥ 10" })
      .default(1000),
    OUTBOX_RETRY_MAX_MS: z.coerce
      .number()
      .int({ error: "must be a whole number of milliseconds ≥ 10" })
      .min(10, { error: "must be a whole number of milliseconds ≥ 10" })
      .default(60_000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int({ error: "must be a whole number ≥ 1" }).min(1, { error: "must be a whole number ≥ 1" }).default(20),
    OUTBOX_KEEP_DAYS: z.coerce.number().int({ error: "must be a whole number of days ≥ 1" }).min(1, { error: "must be a whole number of days ≥ 1" }).default(7),
    // Admins must use TOTP 2FA. Only the local demo (or development) may switch it off.
    ADMIN_REQUIRE_2FA: z.stringbool().default(true),

    // Several instances on one database (docs/decisions/019, 020). Each process reads the
    // CacheVersion table every CACHE_POLL_MS and drops what another instance changed: the bound
    // on a stale cache is about this long.
    CACHE_POLL_MS: z.coerce
      .number()
      .int({ error: "must be a whole number of milliseconds ≥ 100" })
      .min(100, { error: "must be a whole number of milliseconds ≥ 100" })
      .default(2000),
    // A background job's lease (purge, nightly reshuffle): renewed every third of it while the job
    // runs; another instance takes the job over this long after its holder died. Longer than any
    // event-loop stall a job causes (the SQLite VACUUM: ~5 s at a million responses).
    JOB_LEASE_MS: z.coerce
      .number()
      .int({ error: "must be a whole number of milliseconds ≥ 1000" })
      .min(1000, { error: "must be a whole number of milliseconds ≥ 1000" })
      .default(60_000),
    // How often each instance looks for a due job (a job is due from its schedule and last finish).
    JOB_TICK_MS: z.coerce
      .number()
      .int({ error: "must be a whole number of milliseconds ≥ 100" })
      .min(100, { error: "must be a whole number of milliseconds ≥ 100" })
      .default(30_000),
  })
  .transform(({ PUBLIC_BASE_URL, ...env }) => ({ ...env, PUBLIC_BASE_URL: PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}` }))
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.APP_SECRET) {
      ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: "is required in production" });
    }
    // Attack L9: DEMO_MODE shows OTPs on a public page and may switch 2FA off. The local demo,
    // the tests and the benchmarks run the production build on this machine; a demo others can
    // reach (PUBLIC_BASE_URL not a loopback host) is refused at boot.
    if (env.NODE_ENV === "production" && env.DEMO_MODE && !isLoopbackUrl(env.PUBLIC_BASE_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_MODE"],
        message: `is refused in production unless PUBLIC_BASE_URL is on this machine (localhost, 127.x.x.x, [::1]); it is ${env.PUBLIC_BASE_URL} — a demo reachable from outside would show OTPs to anyone and may run without 2FA`,
      });
    }
    const demoOrDev = env.NODE_ENV !== "production" || env.DEMO_MODE;
    if (!env.OTP_TRANSPORT && !demoOrDev) {
      ctx.addIssue({ code: "custom", path: ["OTP_TRANSPORT"], message: "is required in production (http-sms)" });
    }
    for (const key of ["OTP_TRANSPORT", "EMAIL_TRANSPORT"] as const) {
      if (env[key] === "console" && !demoOrDev) {
        ctx.addIssue({ code: "custom", path: [key], message: "console shows codes on screen: only outside production or with DEMO_MODE" });
      }
    }
    if (env.OTP_TRANSPORT === "http-sms" && (!env.SMS_GATEWAY_URL || !env.SMS_GATEWAY_KEY)) {
      ctx.addIssue({ code: "custom", path: ["SMS_GATEWAY_URL"], message: "and SMS_GATEWAY_KEY are required when OTP_TRANSPORT=http-sms" });
    }
    if (!env.ADMIN_REQUIRE_2FA && !demoOrDev) {
      ctx.addIssue({ code: "custom", path: ["ADMIN_REQUIRE_2FA"], message: "can be false only outside production or with DEMO_MODE" });
    }
    const metricsPort = env.METRICS_ADDRESS ? metricsListener(env.METRICS_ADDRESS).port : null;
    if (metricsPort !== null && (metricsPort < 1 || metricsPort > 65535)) {
      ctx.addIssue({ code: "custom", path: ["METRICS_ADDRESS"], message: "has a port outside 1–65535" });
    }
    if (metricsPort === env.PORT) {
      ctx.addIssue({ code: "custom", path: ["METRICS_ADDRESS"], message: "must use a port other than PORT: metrics are never served on the public port" });
    }
    if (env.OUTBOX_RETRY_MAX_MS < env.OUTBOX_RETRY_BASE_MS) {
      ctx.addIssue({ code: "custom", path: ["OUTBOX_RETRY_MAX_MS"], message: "must be at least OUTBOX_RETRY_BASE_MS" });
    }
    if (env.EMAIL_TRANSPORT === "smtp" && !env.SMTP_HOST) {
      ctx.addIssue({ code: "custom", path: ["SMTP_HOST"], message: "is required when EMAIL_TRANSPORT=smtp" });
    }
  });

/** METRICS_ADDRESS ("127.0.0.1:9464", "[::1]:9464") as the host and port to listen on. */
export function metricsListener(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(":");
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, "$1"), port: Number(address.slice(at + 1)) };
}

/** localhost, 127.0.0.0/8 or ::1: hosts that never leave this machine. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return false;
  }
  if (host === "localhost" || host === "[::1]") return true;
  // The URL parser has already turned 127.1, 0x7f.0.0.1 and the like into dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export type Env = Omit<z.infer<typeof EnvSchema>, "APP_SECRET" | "OTP_TRANSPORT" | "EMAIL_TRANSPORT"> & {
  APP_SECRET: string;
  OTP_TRANSPORT: "console" | "http-sms";
  /** null: no e-mail transport configured, so agencies cannot offer e-mail verification */
  EMAIL_TRANSPORT: "console" | "smtp" | null;
};

/**
 * Outside production a missing APP_SECRET is generated once per machine into data/.app-secret
 * (git-ignored), so `npm start` works with zero configuration and no secret lives in the repo.
 */
function localSecret(): string {
  const file = path.resolve("data/.app-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(48).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment settings:\n${lines.join("\n")}`);
  }
  return {
    ...result.data,
    APP_SECRET: result.data.APP_SECRET ?? localSecret(),
    // Defaults apply only where the refinement above allows them (outside production or demo).
    OTP_TRANSPORT: result.data.OTP_TRANSPORT ?? "console",
    EMAIL_TRANSPORT: result.data.EMAIL_TRANSPORT ?? (result.data.NODE_ENV !== "production" || result.data.DEMO_MODE ? "console" : null),
  };
}

export const env: Env = parseEnv(process.env);

/**
 * The environment for a program the CLI runs (pg_dump): this process's, plus `extra`. Here because
 * this is the one file that reads process.env; `extra` carries a password that must not appear on
 * a command line (`ps` shows those to every user of the machine).
 */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
