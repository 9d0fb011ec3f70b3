import type { Role } from "~/generated/sqlite/enums";
import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";
import { hashPassword } from "~/utils/password.server";

export type RoleScope =
  | { role: "agency_admin"; agencyId: string }
  | { role: "province_coordinator"; provinceId: string }
  | { role: "national_assessor" }
  | { role: "system_admin" };

/** Create an admin user with one role grant (scoped to an agency or a province where the role needs it). */
export async function createUser(
  input: { email: string; name: string; password: string; scope: RoleScope },
  db: Db = prisma,
) {
  const { scope } = input;
  return db.user.create({
    data: {
      id: randomId(),
      email: input.email.trim().toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      grants: {
        create: {
          id: randomId(),
          role: scope.role as Role,
          agencyId: scope.role === "agency_admin" ? scope.agencyId : null,
          provinceId: scope.role === "province_coordinator" ? scope.provinceId : null,
        },
      },
    },
  });
}

export function getUserByEmail(email: string, db: Db = prisma) {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() }, include: { grants: true } });
}
