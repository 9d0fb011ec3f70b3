// Progress of long work (an 8,317-row import, a backup), told to whoever runs it: the operator CLI
// draws a bar on a terminal and prints plain lines otherwise (logs, CI); pages and tests pass
// nothing. A leaf, so services can take one without knowing who listens.

/** One step: its label in both languages, and for counted work how far along it is. */
export type Progress = (step: { th: string; en: string }, done?: number, total?: number) => void;

export const noProgress: Progress = () => {};

const BAR_WIDTH = 24;

/**
 * A reporter writing to `out` (the CLI's standard error, so --json output stays one clean line).
 * On a TTY: one line redrawn in place, a bar for counted steps. Otherwise: a line per step, and for
 * counted work a line at each tenth, so a log shows progress without a line per row.
 */
export function progressReporter(out: { write(text: string): unknown; isTTY?: boolean }): Progress & { end(): void } {
  let drawn = false;
  let lastLabel = "";
  let lastTenth = -1;
  const report = ((step, done, total) => {
    const label = `${step.th} / ${step.en}`;
    const counted = done !== undefined && total !== undefined && total > 0;
    const fraction = counted ? Math.min(1, done / total) : 0;
    if (out.isTTY) {
      const bar = counted ? ` [${"█".repeat(Math.round(fraction * BAR_WIDTH)).padEnd(BAR_WIDTH, "░")}] ${Math.floor(fraction * 100)}% (${done}/${total})` : "";
      out.write(`\r\x1b[2K${label}${bar}`);
      drawn = true;
      return;
    }
    const tenth = counted ? Math.floor(fraction * 10) : -1;
    if (label === lastLabel && (!counted || tenth === lastTenth)) return;
    lastLabel = label;
    lastTenth = tenth;
    out.write(counted ? `${label}: ${done}/${total}\n` : `${label}\n`);
  }) as Progress & { end(): void };
  report.end = () => {
    if (drawn) out.write("\r\x1b[2K");
    drawn = false;
  };
  return report;
}
