// Loaded with `node --require` around the Prisma CLI only. Prisma 6.19's WASM schema engine leaves
// a 10 000 ms timer that keeps Node alive ~10 s after `migrate deploy` on PostgreSQL; unref it.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = setTimeoutOriginal(callback, ms, ...args);
  if (ms === 10_000 && typeof timer?.unref === "function") timer.unref();
  return timer;
};
