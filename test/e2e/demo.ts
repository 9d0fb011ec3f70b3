// What the e2e server's seed printed: it writes demo-credentials.txt next to its database
// (playwright.config.ts: data/e2e/ita.db, or data/e2e-<port>/ita.db on another port).
import fs from "node:fs";
import path from "node:path";

const PORT = Number(process.env.E2E_PORT || 3107);
export const e2eDataDir = path.resolve(`data/e2e${PORT === 3107 ? "" : `-${PORT}`}`);
export const e2eDatabaseFile = path.join(e2eDataDir, "ita.db");

export function demoCredentials(): string {
  return fs.readFileSync(path.join(e2eDataDir, "demo-credentials.txt"), "utf8");
}

export function demoIitCode(): string {
  const match = demoCredentials().match(/IIT code \(staff\):\s+([0-9A-Z]{5}-[0-9A-Z]{5})/);
  if (!match) throw new Error("no IIT code in the e2e demo credentials");
  return match[1];
}

export function demoPassword(email: string): string {
  const line = demoCredentials()
    .split("\n")
    .find((row) => row.includes(email));
  const password = line?.trim().split(/\s+/).at(-1);
  if (!password) throw new Error(`no demo password for ${email}`);
  return password;
}

/** The demo agency's registered service counter the seed printed: its opaque id and its label. */
export function demoCounter(): { id: string; label: string; link: string } {
  const match = demoCredentials().match(/EIT counter link:\s+(\S+)\s+\((.+?); poster/);
  if (!match) throw new Error("no EIT counter link in the e2e demo credentials");
  const id = new URL(match[1]).searchParams.get("c");
  if (!id) throw new Error(`no counter id in ${match[1]}`);
  return { id, label: match[2], link: match[1] };
}
