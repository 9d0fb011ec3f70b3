// The outbox worker (docs/decisions/018): every server process runs one; each message is sent by
// one of them at a time (a claim with a lease, models/outbox.server.ts). A failed try is retried
// with a doubling backoff (OUTBOX_RETRY_BASE_MS … OUTBOX_RETRY_MAX_MS); after OUTBOX_MAX_ATTEMPTS
// tries, or at once on a permanent refusal, the message is "failed". An OTP past its validity is
// "expired", never sent late. On SQLite it is the same worker, in the one process.
//
// A one-shot CLI command (users:invite, agencies:import) sends its own messages once before it
// exits (`deliverOwnMessages`), so a box with no server still sends; what is left is sent by a
// server's worker later.
import { env } from "~/env.server";
import { countOtpDelivery } from "~/models/otp.server";
import {
  claimMessages,
  expireOverdue,
  markExpired,
  markFailed,
  markRetry,
  markSent,
  messageStates,
  outboxSummary,
  takeOwnMessageIds,
  type ClaimedMessage,
  type OutboxState,
} from "~/models/outbox.server";
import { INSTANCE_ID } from "~/utils/instance.server";
import { PermanentDeliveryError, transportForChannel } from "~/utils/otp-delivery.server";

/** Messages claimed (and sent in parallel) per round. */
const BATCH = 10;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : "unknown error").slice(0, 300);

/** The wait before try `attempt + 1`: BASE · 2^(attempt−1), capped at MAX. */
export function retryDelayMs(attempt: number): number {
  return Math.min(env.OUTBOX_RETRY_MAX_MS, env.OUTBOX_RETRY_BASE_MS * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}

async function countOtp(message: ClaimedMessage, outcome: "delivered" | "failed" | "expired", transport: string) {
  if (message.purpose !== "otp" || !message.agencyId) return;
  await countOtpDelivery(outcome, transport, message.agencyId).catch((error: unknown) => console.error("[outbox] OTP counter:", reasonOf(error)));
}

/** One try of one claimed message, ending in sent, retry, failed or expired. */
async function deliver(message: ClaimedMessage, instanceId: string): Promise<void> {
  const transport = transportForChannel(message.channel);
  const transportName = transport?.name ?? "none";
  if (message.deliverBy && Date.now() > message.deliverBy.getTime()) {
    if (await markExpired(message.id, instanceId)) await countOtp(message, "expired", transportName);
    return;
  }
  if (!message.payload || !transport) {
    const reason = !message.payload ? "payload cannot be opened (APP_SECRET changed?)" : `no transport for ${message.channel}`;
    if (await markFailed(message.id, instanceId, reason)) await countOtp(message, "failed", transportName);
    return;
  }
  try {
    await transport.send({ id: message.id, ...message.payload, label: message.purpose === "otp" ? "otp" : "mail" });
  } catch (error) {
    const reason = reasonOf(error);
    // The reason only; never the number, the address or the text (nor the id: a hex id can hold
    // six digits in a row, which a log scan for leaked codes would rightly flag).
    console.error(`[outbox] ${message.purpose} via ${transport.name}, try ${message.attempt}: ${reason}`);
    const last = error instanceof PermanentDeliveryError || message.attempt >= env.OUTBOX_MAX_ATTEMPTS;
    if (last) {
      if (await markFailed(message.id, instanceId, reason)) await countOtp(message, "failed", transport.name);
      return;
    }
    let next = new Date(Date.now() + retryDelayMs(message.attempt));
    // An OTP whose next try would come after its validity is not worth keeping in the queue
    // longer: the retry is moved to its deliverBy, where it is expired.
    if (message.deliverBy && next > message.deliverBy) next = new Date(message.deliverBy.getTime() + 1);
    await markRetry(message.id, instanceId, reason, next);
    return;
  }
  if (await markSent(message.id, instanceId, { keepPayload: transport.keepsPayload })) await countOtp(message, "delivered", transport.name);
}

/**
 * One round: expire what is overdue, claim up to a batch of due messages and send them. Returns
 * how many were claimed (a full batch means: look again at once). `ids`: only these messages.
 */
export async function runOutboxOnce(options: { instanceId?: string; ids?: string[] } = {}): Promise<number> {
  const instanceId = options.instanceId ?? INSTANCE_ID;
  for (const expired of await expireOverdue()) {
    if (expired.agencyId) await countOtpDelivery("expired", transportForChannel(expired.channel as "sms" | "email")?.name ?? "none", expired.agencyId);
  }
  const claimed = await claimMessages(instanceId, { limit: BATCH, leaseMs: env.OUTBOX_LEASE_MS, ids: options.ids });
  await Promise.all(claimed.map((message) => deliver(message, instanceId)));
  return claimed.length;
}

// ───── the background worker ─────

type Worker = { stopped: boolean; timer: NodeJS.Timeout | null; round: Promise<void> | null };
// On globalThis: dev rebuilds evaluate the build again, and there must be one worker per process.
const holder = globalThis as unknown as { __itaOutbox?: Worker };

/** Start this process's outbox worker (once; it never keeps the process alive). */
export function startOutboxWorker(): void {
  if (holder.__itaOutbox && !holder.__itaOutbox.stopped) return;
  const worker: Worker = { stopped: false, timer: null, round: null };
  holder.__itaOutbox = worker;
  const schedule = (delayMs: number) => {
    if (worker.stopped) return;
    worker.timer = setTimeout(tick, delayMs);
    worker.timer.unref();
  };
  const tick = () => {
    worker.timer = null;
    worker.round = runOutboxOnce()
      .then((claimed) => schedule(claimed >= BATCH ? 0 : env.OUTBOX_POLL_MS))
      .catch((error: unknown) => {
        // The database may be down for a while: keep looking, at the normal pace.
        console.error("[outbox] round failed:", reasonOf(error));
        schedule(env.OUTBOX_POLL_MS);
      })
      .finally(() => (worker.round = null));
  };
  schedule(0);
}

/**
 * Stop the worker and wait for the round in flight (its messages are finished and marked). A
 * message claimed by a process that is killed instead is taken over when its lease ends.
 */
export async function stopOutboxWorker(): Promise<void> {
  const worker = holder.__itaOutbox;
  if (!worker) return;
  worker.stopped = true;
  if (worker.timer) clearTimeout(worker.timer);
  await worker.round;
}

/**
 * A one-shot process (a CLI command): try once to send the messages this process enqueued. Returns
 * their states afterwards; whatever is still pending is sent by a server's worker later.
 */
export async function deliverOwnMessages(): Promise<{ sent: number; pending: number; failed: number }> {
  const ids = takeOwnMessageIds();
  if (ids.length === 0) return { sent: 0, pending: 0, failed: 0 };
  for (let start = 0; start < ids.length; start += BATCH) await runOutboxOnce({ ids: ids.slice(start, start + BATCH) });
  const states = await messageStates(ids);
  const count = (state: OutboxState) => [...states.values()].filter((each) => each === state).length;
  return { sent: count("sent"), pending: count("pending"), failed: count("failed") + count("expired") };
}

/** For /admin/operations: counts by state, the oldest pending age and the last errors. */
export function describeOutbox(now = new Date()) {
  return outboxSummary(now);
}
