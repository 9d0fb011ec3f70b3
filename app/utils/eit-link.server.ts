import { env } from "~/env.server";
import { COUNTER_TAG } from "./counter-tag";

/** The public EIT link of an agency, optionally for one service point: what the QR encodes. */
export function eitLink(slug: string, counter?: string | null): string {
  const base = `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/e/${encodeURIComponent(slug)}`;
  return counter && COUNTER_TAG.test(counter) ? `${base}?c=${counter}` : base;
}
