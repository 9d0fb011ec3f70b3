// The one place that reads process.env (with prisma.config.ts for the CLI). Parsed once at boot;
// a bad or missing setting stops the server with a readable list.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./utils/db-adapters.server";

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
    // The public address people reach (printed in QR codes and links).
    PUBLIC_BASE_URL: z.url({ error: "must be an absolute URL" }).default("http://localhost:3000"),
    SLOW_QUERY_MS: z.coerce.number().int().positive().default(250),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.APP_SECRET) {
      ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof EnvSchema> & { APP_SECRET: string };

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
  return { ...result.data, APP_SECRET: result.data.APP_SECRET ?? localSecret() };
}

export const env: Env = parseEnv(process.env);
