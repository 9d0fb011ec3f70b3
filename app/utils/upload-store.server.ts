// Uploaded files kept between a preview and its confirmation (/admin/register): the bytes in a
// private temp file named by their SHA-256, for UPLOAD_TTL_MS. The confirm step names the hash, so
// what is imported is byte for byte what was previewed, without asking the admin to choose the
// file again (a re-upload could be another file with the same name). One server's temp dir: behind
// a load balancer without sticky sessions a confirm can land on another server, which answers
// "preview expired, upload again" — safe, never wrong.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export const UPLOAD_TTL_MS = 30 * 60 * 1000;
const SHA256 = /^[0-9a-f]{64}$/;

function uploadDir(): string {
  return path.join(os.tmpdir(), "ita-uploads");
}

/** Keep `bytes` (owner-only: a register may hold admins' e-mail addresses) and return their SHA-256. */
export async function keepUpload(bytes: Uint8Array, now = Date.now()): Promise<string> {
  const sha = createHash("sha256").update(bytes).digest("hex");
  const dir = uploadDir();
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await forgetExpiredUploads(now);
  await fs.writeFile(path.join(dir, `${sha}.upload`), bytes, { mode: 0o600 });
  return sha;
}

/** The bytes kept under `sha`, or null when unknown, expired or altered. */
export async function readUpload(sha: string, now = Date.now()): Promise<Uint8Array | null> {
  if (!SHA256.test(sha)) return null;
  const file = path.join(uploadDir(), `${sha}.upload`);
  try {
    const stat = await fs.stat(file);
    if (now - stat.mtimeMs > UPLOAD_TTL_MS) return null;
    const bytes = new Uint8Array(await fs.readFile(file));
    return createHash("sha256").update(bytes).digest("hex") === sha ? bytes : null;
  } catch {
    return null;
  }
}

export async function forgetUpload(sha: string): Promise<void> {
  if (SHA256.test(sha)) await fs.rm(path.join(uploadDir(), `${sha}.upload`), { force: true });
}

async function forgetExpiredUploads(now: number): Promise<void> {
  const dir = uploadDir();
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(".upload")) continue;
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > UPLOAD_TTL_MS) await fs.rm(file, { force: true });
  }
}

/**
 * A multipart body read with a cap checked while streaming (not trusting Content-Length), then
 * parsed by the platform's FormData: an upload larger than `maxBytes` is refused with 413 before it
 * is all in memory.
 */
export async function readMultipartLimited(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) throw new Response("Unsupported form encoding / รูปแบบข้อมูลไม่ถูกต้อง", { status: 415 });
  const tooLarge = () => new Response("Request too large / ข้อมูลมีขนาดใหญ่เกินไป", { status: 413 });
  if (Number(request.headers.get("Content-Length") ?? "0") > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return await new Request("http://localhost/", { method: "POST", headers: { "Content-Type": type }, body: Buffer.concat(chunks) }).formData();
  } catch {
    throw new Response("Invalid form / ข้อมูลไม่ถูกต้อง", { status: 400 });
  }
}
