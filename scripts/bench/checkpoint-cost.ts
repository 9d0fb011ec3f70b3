// What the WAL checkpoints (decision 014, attack M6) cost in saturated submit throughput, measured
// fairly on a machine whose speed swings ±30 % from one run to the next: the same build in several
// variants (scripts/bench/variants.ts: patched copies, no production setting), run as interleaved
// rounds — A B C, C B A, A B C, … — so that every variant meets the machine's drift alike. Each run
// is a fresh scripts/bench/submit.ts (own database, prepared sessions, warm-up, then one closed-loop
// level). Prints every run with the load average around it, each round's ratio to the first
// variant, and per variant the median ratio with its range.
// Usage: npm run build && npx tsx scripts/bench/checkpoint-cost.ts
//   [--variants off,truncate,restart] [--rounds 4] [--connections 200] [--requests 6000]
import { spawnSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { prepareVariant } from "./variants";

const { values: args } = parseArgs({
  options: {
    variants: { type: "string", default: "off,truncate,restart" },
    rounds: { type: "string", default: "4" },
    connections: { type: "string", default: "200" },
    requests: { type: "string", default: "6000" },
  },
});
// Variant names hold commas (restart,gap=100): they are separated by ";" or by spaces.
const variants = args.variants.includes(";") || args.variants.includes(" ") ? args.variants.split(/[; ]+/).filter(Boolean) : args.variants.split(",");
const ROUNDS = Number(args.rounds);
const dirs = new Map(variants.map((variant) => [variant, prepareVariant(variant)]));
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

const rates = new Map<string, number[]>(variants.map((variant) => [variant, []]));
const ratios = new Map<string, number[]>(variants.map((variant) => [variant, []]));
console.log(`${variants.length} variants × ${ROUNDS} rounds, ${args.requests} submits at ${args.connections} connections per run; ${os.cpus().length} cores`);
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  const inRound = new Map<string, number>();
  for (const variant of order) {
    const before = load();
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/bench/submit.ts",
        "--server-root",
        dirs.get(variant)!,
        "--no-floors",
        "--connections",
        args.connections,
        "--requests",
        args.requests,
      ],
      { encoding: "utf8", env: { ...process.env, BENCH_PORT: process.env.BENCH_PORT ?? "3391" }, maxBuffer: 1 << 26 },
    );
    const line = run.stdout.split("\n").find((text) => text.startsWith(`app, ${args.connections} connections`));
    const check = run.stdout.split("\n").find((text) => text.startsWith("acknowledged"));
    if (!line || !check) {
      console.error(run.stdout, run.stderr);
      throw new Error(`run of ${variant} failed`);
    }
    const rate = Number(/(\d+) req\/s/.exec(line)![1]);
    // Client timeouts (autocannon gives up after 10 s on an overloaded machine) are printed: a
    // timed-out submit may still be written, so rows can then exceed acknowledgements.
    const errors = Number(/errors (\d+)/.exec(line)![1]);
    inRound.set(variant, rate);
    rates.get(variant)!.push(rate);
    console.log(
      `round ${round + 1} ${variant.padEnd(24)} ${String(rate).padStart(5)} submits/s   load ${before} → ${load()}   (${check}${errors ? `; ${errors} client errors` : ""})`,
    );
  }
  const base = inRound.get(variants[0])!;
  console.log(
    `round ${round + 1} ratios to ${variants[0]}: ${variants.map((variant) => `${variant} ${(inRound.get(variant)! / base).toFixed(3)}`).join(" · ")}`,
  );
  for (const variant of variants) ratios.get(variant)!.push(inRound.get(variant)! / base);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(`\nper variant: submits/s median [min–max]; ratio to ${variants[0]} per round, median [min–max]`);
for (const variant of variants) {
  const r = rates.get(variant)!;
  const q = ratios.get(variant)!;
  console.log(
    `${variant.padEnd(24)} ${Math.round(median(r))} [${Math.min(...r)}–${Math.max(...r)}]   ratio ${median(q).toFixed(3)} [${Math.min(...q).toFixed(3)}–${Math.max(...q).toFixed(3)}]  (${q.map((x) => x.toFixed(2)).join(" ")})`,
  );
}
