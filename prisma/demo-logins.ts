// The demo's four sign-ins (one per role) with fresh random passwords, written next to the SQLite
// file (data/ for PostgreSQL) and printed. Shared by `npm run seed` and `npm run seed:national`.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dbTarget } from "~/db.server";
import { env } from "~/env.server";
import { createUser } from "~/models/user.server";

// Next to the SQLite file (data/demo-credentials.txt for data/ita.db, data/national-credentials.txt
// for data/national.db), so an e2e run or the national seed never overwrites the demo's logins;
// data/<database>-credentials.txt for PostgreSQL.
function credentialsFile(): string {
  if (dbTarget.provider !== "sqlite") {
    const database = new URL(dbTarget.url).pathname.replace(/^\//, "") || "postgres";
    return path.resolve("data", `${database}-credentials.txt`);
  }
  const base = path.basename(dbTarget.file).replace(/\.db$/, "");
  return path.join(path.dirname(dbTarget.file), base === "ita" ? "demo-credentials.txt" : `${base}-credentials.txt`);
}
export const CREDENTIALS_FILE = credentialsFile();

export function printCredentials() {
  if (fs.existsSync(CREDENTIALS_FILE)) console.log(fs.readFileSync(CREDENTIALS_FILE, "utf8"));
}

export async function createDemoLogins(input: {
  agency: { id: string; slug: string; nameTh: string; nameEn: string };
  province: { id: string; nameTh: string };
  iitCode: string | null;
  /** A registered service counter of the demo agency: its link carries only the opaque id. */
  counter?: { id: string; label: string } | null;
}) {
  const password = () => crypto.randomBytes(9).toString("base64url");
  const logins = [
    { email: "agency@demo.ita.local", name: `ผู้ดูแล${input.agency.nameTh}`, scope: { role: "agency_admin", agencyId: input.agency.id } as const },
    {
      email: "province@demo.ita.local",
      name: `ผู้ประสานงานจังหวัด${input.province.nameTh}`,
      scope: { role: "province_coordinator", provinceId: input.province.id } as const,
    },
    { email: "assessor@demo.ita.local", name: "ผู้ประเมิน (ป.ป.ช.)", scope: { role: "national_assessor" } as const },
    { email: "sysadmin@demo.ita.local", name: "ผู้ดูแลระบบ", scope: { role: "system_admin" } as const },
  ].map((login) => ({ ...login, password: password() }));
  for (const login of logins) await createUser(login);

  const base = env.PUBLIC_BASE_URL.replace(/\/$/, "");
  const text = [
    "──────────── ITA demo (local only) ────────────",
    `Home page:          ${base}/`,
    `Demo agency:        ${input.agency.nameTh} (${input.agency.nameEn})`,
    ...(input.iitCode ? [`IIT code (staff):   ${input.iitCode}   → ${base}/iit`] : []),
    `EIT link (public):  ${base}/e/${input.agency.slug}`,
    ...(input.counter
      ? [`EIT counter link:   ${base}/e/${input.agency.slug}?c=${input.counter.id}   (${input.counter.label}; poster on the agency dashboard)`]
      : []),
    `Admin sign-in:      ${base}/admin`,
    ...logins.map((login) => `  ${login.scope.role.padEnd(21)} ${login.email.padEnd(26)} ${login.password}`),
    `(also in ${path.relative(process.cwd(), CREDENTIALS_FILE)}; delete the database to start over)`,
    "────────────────────────────────────────────────",
  ].join("\n");
  fs.mkdirSync(path.dirname(CREDENTIALS_FILE), { recursive: true });
  fs.writeFileSync(CREDENTIALS_FILE, `${text}\n`, { mode: 0o600 });
  return text;
}
