// This process, as the fleet names it: the holder of a job's lease (models/job-lease.server.ts)
// and of an outbox message's claim (services/outbox.server.ts). Host, pid and a random part: a pid
// is reused after a restart, and a restarted process must not pass for the one that died.
import { hostname } from "node:os";
import { randomToken } from "./crypto.server";

export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomToken(4)}`;
