// A register file between its dry-run preview and its confirmation (/admin/register), in the
// RegisterUpload table rather than one server's temp dir, so that the confirm may reach any
// instance behind the load balancer (docs/decisions/019). The confirm names the file's SHA-256, so
// what is imported is byte for byte what was previewed, and only the admin who uploaded it may
// confirm it. Kept REGISTER_UPLOAD_TTL_MS; expired rows go when the next file is kept.
import { prisma, type Db } from "~/db.server";
import { createHash } from "node:crypto";
import { randomId } from "~/utils/crypto.server";

export const REGISTER_UPLOAD_TTL_MS = 30 * 60 * 1000;
const SHA256 = /^[0-9a-f]{64}$/;
const sha256Bytes = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Keep `bytes` for `userId`'s confirmation and return their SHA-256 (the same file again replaces its row). */
export async function keepRegisterUpload(input: { userId: string; fileName: string; bytes: Uint8Array }, now = new Date(), db: Db = prisma): Promise<string> {
  const sha = sha256Bytes(input.bytes);
  await db.$transaction(async (tx) => {
    await tx.registerUpload.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { userId: input.userId, sha256: sha }] } });
    await tx.registerUpload.create({
      data: {
        id: randomId(),
        userId: input.userId,
        fileName: input.fileName.slice(0, 200),
        content: new Uint8Array(input.bytes),
        sha256: sha,
        createdAt: now,
        expiresAt: new Date(now.getTime() + REGISTER_UPLOAD_TTL_MS),
      },
    });
  });
  return sha;
}

/** The bytes `userId` kept under `sha`, or null when unknown, expired, another admin's or altered. */
export async function readRegisterUpload(userId: string, sha: string, now = new Date(), db: Db = prisma): Promise<Uint8Array | null> {
  if (!SHA256.test(sha)) return null;
  const row = await db.registerUpload.findFirst({ where: { userId, sha256: sha, expiresAt: { gt: now } }, select: { content: true } });
  if (!row) return null;
  const bytes = new Uint8Array(row.content);
  return sha256Bytes(bytes) === sha ? bytes : null;
}

/** Forget `userId`'s upload `sha` (after its import). */
export async function forgetRegisterUpload(userId: string, sha: string, db: Db = prisma): Promise<void> {
  if (SHA256.test(sha)) await db.registerUpload.deleteMany({ where: { userId, sha256: sha } });
}

/** Delete expired uploads (the purge may call it too). */
export async function purgeExpiredRegisterUploads(now = new Date(), db: Db = prisma): Promise<number> {
  return (await db.registerUpload.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
