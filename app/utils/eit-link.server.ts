import { env } from "~/env.server";
import { COUNTER_ID } from "./counter-tag";

/**
 * The public EIT link of an agency, optionally for one registered service counter: what the QR
 * encodes. The counter appears only as its opaque id (?c=<id>), never as a name.
 */
export function eitLink(slug: string, counterId?: string | null): string {
  const base = `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/e/${encodeURIComponent(slug)}`;
  return counterId && COUNTER_ID.test(counterId) ? `${base}?c=${counterId}` : base;
}
