/**
 * The fleet's live display: on a terminal the block is redrawn in place (cursor up over the last
 * block, each line cleared), and a fleet taller than the terminal shows its running and failed
 * stacks and counts the rest; elsewhere a line per start and end.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { FleetProgress } from "../../provider/cli/fleet/progress";
import type { StackOutcome } from "../../provider/cli/fleet/runner";

/** A stream that records what is written; a terminal of `rows` lines when `tty`. */
function stream(tty: boolean, rows?: number) {
  const writes: string[] = [];
  return { writes, out: { isTTY: tty, rows, write: (s: string) => (writes.push(s), true) } };
}

const outcome = (stack: string, result: StackOutcome["result"], seconds = 2): StackOutcome => ({
  stack,
  result,
  changes: { create: 0, update: 0, delete: 0, replace: 0, same: 0 },
  resources: [],
  seconds,
  ...(result === "failed" ? { error: "boom" } : {}),
});

/** The block a redraw leaves on screen: the escape codes checked and taken out. */
function block(write: string, previousLines: number): string[] {
  const up = previousLines > 0 ? `\x1b[${previousLines}F` : "";
  expect(write.startsWith(up)).toBe(true);
  const lines = write.slice(up.length).replace(/\n$/, "").split("\n");
  for (const l of lines) expect(l.startsWith("\x1b[2K")).toBe(true);
  return lines.map((l) => l.slice(4));
}

afterEach(() => vi.useRealTimers());

describe("fleet progress on a terminal", () => {
  it("redraws the whole block in place every half second, and once more at the end", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-30T08:00:00Z") });
    const { writes, out } = stream(true, 40);
    const p = new FleetProgress(["alpha", "bravo", "charlie"], out);
    p.start("alpha");
    p.progress("alpha", 3);
    await vi.advanceTimersByTimeAsync(500);
    expect(writes).toHaveLength(1);
    const first = block(writes[0]!, 0);
    expect(first).toEqual([
      "  alpha    running  3 resources done, 1 s",
      "  bravo    queued   ",
      "  charlie  queued   ",
      "[0/3] 1 running, 0 done, 0 failed, 1 s",
    ]);
    p.finish(outcome("alpha", "succeeded", 2));
    p.start("bravo");
    p.finish(outcome("bravo", "failed", 1));
    await vi.advanceTimersByTimeAsync(500);
    // The second block starts by going up over the 4 lines of the first.
    const second = block(writes[1]!, 4);
    expect(second[0]).toMatch(/^ {2}alpha {4}done {5}succeeded, 2 s$/);
    expect(second[1]).toMatch(/^ {2}bravo {4}failed {3}failed, 1 s$/);
    expect(second.at(-1)).toBe("[2/3] 0 running, 1 done, 1 failed, 1 s");
    p.stop();
    expect(writes).toHaveLength(3);
    block(writes[2]!, 4);
    // Stopped: no more redraws.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(writes).toHaveLength(3);
  });

  it("a fleet taller than the terminal shows its running and failed stacks and counts the others", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-30T08:00:00Z") });
    const { writes, out } = stream(true, 8);
    const names = Array.from({ length: 50 }, (_, i) => `c${String(i).padStart(3, "0")}`);
    const p = new FleetProgress(names, out);
    for (const n of names.slice(0, 10)) p.start(n);
    p.finish(outcome("c000", "succeeded"));
    p.finish(outcome("c001", "failed"));
    await vi.advanceTimersByTimeAsync(500);
    const lines = block(writes[0]!, 0);
    // 8 rows: 6 lines of room, less one for the count: 5 stacks, running before failed.
    expect(lines).toHaveLength(7);
    expect(lines.slice(0, 5).map((l) => l.trim().split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "c002 running",
      "c003 running",
      "c004 running",
      "c005 running",
      "c006 running",
    ]);
    expect(lines[5]).toBe("  … 45 more stacks queued or done (not shown)");
    expect(lines[6]).toMatch(/^\[2\/50\] 8 running, 1 done, 1 failed/);
    p.stop();
    // The next block goes up exactly as many lines as this one had: it never scrolls the terminal.
    block(writes[1]!, 7);
  });
});

describe("fleet progress in a log", () => {
  it("prints a line when a stack starts and when it ends, and never redraws", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-30T08:00:00Z") });
    const { writes, out } = stream(false);
    const p = new FleetProgress(["alpha", "bravo"], out);
    p.start("alpha");
    p.finish(outcome("alpha", "failed", 3));
    await vi.advanceTimersByTimeAsync(2_000);
    p.stop();
    expect(writes).toEqual([
      "[0/2] 1 running, 0 done, 0 failed, 0 s  alpha: running\n",
      "[1/2] 0 running, 0 done, 1 failed, 0 s  alpha: failed in 3 s: boom\n",
    ]);
    expect(writes.join("")).not.toContain("\x1b[");
  });
});
