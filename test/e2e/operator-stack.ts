// The operator's production stack for e2e (issue 15's journey), all real and on this machine:
// a fresh SQLite file with the migrations applied and nothing else, a real SMTP server
// (smtp-server) that keeps every mail, a node:http server standing in for the SMS gateway, and the
// production build (scripts/serve.js) with NODE_ENV=production and no DEMO_MODE. The operator CLI
// runs as a child process against the same database, as an operator would run it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Mail = { to: string[]; subject: string; text: string };
export type Sms = { to: string; text: string };

export type OperatorStack = {
  url: string;
  databaseUrl: string;
  env: Record<string, string>;
  mails: Mail[];
  sms: Sms[];
  /** `npm run ita -- <args>` against this stack's database and settings. */
  ita(args: string[], input?: string): { status: number | null; stdout: string; stderr: string };
  /** The first mail to `to` whose subject matches, waiting for it to arrive. */
  mailTo(to: string, subject?: RegExp): Promise<Mail>;
  /** The newest SMS to a canonical number (+66…), waiting for it. */
  smsTo(to: string, after?: number): Promise<Sms>;
  output: string[];
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function startOperatorStack(name = "operator"): Promise<OperatorStack> {
  const mails: Mail[] = [];
  const sms: Sms[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: parsed.subject ?? "", text: parsed.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  const gateway = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const message = JSON.parse(body) as { to: string; text: string };
      sms.push({ to: message.to, text: message.text });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  const [smtpPort, gatewayPort, port] = [await freePort(), await freePort(), await freePort()];
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", () => resolve()));
  await new Promise<void>((resolve) => gateway.listen(gatewayPort, "127.0.0.1", () => resolve()));

  const dataDir = path.join(ROOT, "data", `e2e-${name}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseUrl = `file:${path.join(dataDir, "ita.db")}`;
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    APP_SECRET: crypto.randomBytes(48).toString("base64url"),
    PUBLIC_BASE_URL: url,
    PORT: String(port),
    HOST: "127.0.0.1",
    OTP_TRANSPORT: "http-sms",
    SMS_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/v1/sms`,
    SMS_GATEWAY_KEY: "e2e-gateway-key-0123456789",
    EMAIL_TRANSPORT: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtpPort),
    SMTP_FROM: "ITA <ita@example.go.th>",
  };
  const childEnv = () => {
    const base: Record<string, string | undefined> = { ...process.env, ...env };
    delete base.DEMO_MODE;
    delete base.ADMIN_REQUIRE_2FA;
    return base as NodeJS.ProcessEnv;
  };
  const migrated = spawnSync(process.execPath, ["scripts/db.js", "deploy"], { cwd: ROOT, env: childEnv(), encoding: "utf8" });
  if (migrated.status !== 0) throw new Error(`migrate deploy failed:\n${migrated.stdout}\n${migrated.stderr}`);

  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ["scripts/serve.js"], { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`server exited at start:\n${output.slice(-20).join("\n")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (tries > 400) throw new Error(`server did not start:\n${output.slice(-20).join("\n")}`);
    await sleep(50);
  }

  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  return {
    url,
    databaseUrl,
    env,
    mails,
    sms,
    output,
    ita(args, input) {
      const result = spawnSync(tsx, ["scripts/ita.ts", ...args], { cwd: ROOT, env: childEnv(), input, encoding: "utf8" });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    mailTo(to, subject) {
      return until(`a mail to ${to}`, () => mails.find((mail) => mail.to.includes(to) && (!subject || subject.test(mail.subject))));
    },
    smsTo(to, after = 0) {
      return until(`an SMS to ${to}`, () => sms.slice(after).findLast((message) => message.to === to));
    },
    async stop() {
      // A graceful stop first; the server (or the SMTP server, which waits for the app's pooled
      // connection) must not hold the run beyond a few seconds.
      const within = (ms: number, work: Promise<unknown>) => Promise.race([work, sleep(ms)]);
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
      child.kill("SIGTERM");
      await within(5_000, exited);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await within(2_000, new Promise<void>((resolve) => smtp.close(() => resolve())));
      gateway.closeAllConnections();
      await within(2_000, new Promise<void>((resolve) => gateway.close(() => resolve())));
    },
  };
}
