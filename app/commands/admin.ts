// `npm run ita -- admin:create --email E --name N [--password-stdin]`: the first (or another)
// system administrator. Without --password-stdin it prints a single-use set-password link (24 h);
// with it, the password is read from stdin (automation). In production the first sign-in forces
// TOTP enrolment (ADMIN_REQUIRE_2FA). An e-mail that already has an account is refused (exit 2,
// nothing written). docs/people-and-roles.md.
import { z } from "zod";
import { closeDatabaseConnections } from "~/services/maintenance.server";
import { createSystemAdmin, PeopleRefusal } from "~/services/people.server";
import { bothLangs } from "~/utils/i18n.server";
import { CommandInputError, defineCommand, type CommandContext } from "./index";

export async function readPasswordFromStdin(stdin: CommandContext["stdin"]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  // One line: the trailing newline of `echo` or a here-string is not part of the password.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Run a people use case as a command: a refusal is bad input (exit 2, both languages), and the pool closes. */
export async function asCommand<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PeopleRefusal) throw new CommandInputError(bothLangs(error.key, error.vars));
    throw error;
  } finally {
    await closeDatabaseConnections();
  }
}

export const adminCreate = defineCommand({
  name: "admin:create",
  summary: {
    th: "สร้างผู้ดูแลระบบ และพิมพ์ลิงก์ตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว 24 ชั่วโมง)",
    en: "create a system administrator and print a set-password link (single use, 24 h)",
  },
  ArgsSchema: z.object({
    email: z.string().describe("อีเมลของผู้ดูแลระบบ / the administrator's e-mail"),
    name: z.string().describe("ชื่อ / the name"),
    passwordStdin: z.boolean().default(false).describe("อ่านรหัสผ่านจาก stdin แทนการพิมพ์ลิงก์ / read the password from stdin instead of printing a link"),
  }),
  async run({ email, name, passwordStdin }, { stdin }) {
    const password = passwordStdin ? await readPasswordFromStdin(stdin) : undefined;
    const created = await asCommand(() => createSystemAdmin({ email, name, password }));
    const text = created.link
      ? [
          `สร้างผู้ดูแลระบบ ${created.email} แล้ว / System administrator ${created.email} created.`,
          "ลิงก์ตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว ภายใน 24 ชั่วโมง) / Set-password link (single use, within 24 hours):",
          created.link,
        ].join("\n")
      : `สร้างผู้ดูแลระบบ ${created.email} พร้อมรหัสผ่านแล้ว / System administrator ${created.email} created with its password.`;
    return { json: { userId: created.userId, email: created.email, link: created.link }, text };
  },
});
