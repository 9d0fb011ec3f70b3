// Form schemas of the sign-in and account pages (admin_.*, admin.account): server-only
// (decision 026). A zod schema at the top of a route module ships zod (~92 KB on the wire) to every
// browser under the classic compiler, which strips only `.server` files. The action is the
// authority and these forms never validated with zod in the browser, so the schemas live here and
// the route uses them in its loader/action only. One schema per form.
import { z } from "zod";
import { ADMIN_PASSWORD_MAX_LENGTH } from "~/domain/password-policy";
import { PASSWORD_MAX_LENGTH } from "~/utils/password.server";

/** admin_.login._index */
export const LoginSchema = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  redirectTo: z.string().max(2000).optional(),
});

/** admin_.login.2fa: a TOTP code or a recovery code */
export const SecondFactorSchema = z.strictObject({ code: z.string().trim().min(6).max(20) });

/** admin_.2fa.setup: the first code from the authenticator app */
export const TotpConfirmSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

/** admin_.invite.$token */
export const AcceptInvitationSchema = z.strictObject({
  name: z.string().max(200).optional(),
  // The policy (length, common passwords, e-mail or name inside) is the service's; this only bounds the input.
  password: z
    .string()
    .max(ADMIN_PASSWORD_MAX_LENGTH * 4)
    .optional(),
});

/** admin_.password.$token */
export const SetPasswordSchema = z.strictObject({ password: z.string().max(ADMIN_PASSWORD_MAX_LENGTH * 4) });

/** admin_.password.forgot */
export const ForgotPasswordSchema = z.strictObject({ email: z.string().trim().min(3).max(254) });

/** admin.account: several buttons, one action */
const accountPassword = z.string().max(ADMIN_PASSWORD_MAX_LENGTH * 4);
export const AccountActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("change-password"), currentPassword: accountPassword, newPassword: accountPassword }),
  z.strictObject({ intent: z.literal("recovery-codes") }),
  z.strictObject({ intent: z.literal("sign-out-others") }),
  z.strictObject({ intent: z.literal("reminders"), remindersOff: z.enum(["true", "false"]) }),
]);
