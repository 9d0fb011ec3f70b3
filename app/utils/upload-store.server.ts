// Uploads read with a size cap while streaming. (The preview → confirm store of /admin/register
// moved to the database, models/register-upload.server.ts, so any instance can confirm it:
// docs/decisions/019.)
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
