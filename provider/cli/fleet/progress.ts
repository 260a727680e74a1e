/**
 * The fleet's live display on standard error: a line per stack (queued, running, done, failed) and
 * the overall progress. On a terminal the block is redrawn in place; elsewhere (CI logs) a line is
 * printed whenever a stack starts or ends.
 */
import type { StackOutcome } from "./runner";

type State = "queued" | "running" | "done" | "failed";

interface Row {
  state: State;
  started?: number;
  resourcesDone: number;
  outcome?: StackOutcome;
}

/** The live display of one fleet run. */
export class FleetProgress {
  private readonly rows = new Map<string, Row>();
  private readonly started = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = 0;

  /**
   * @param stacks the stack names, in display order.
   * @param out where to write (standard error).
   * @param live redraw in place (a terminal). @default out.isTTY
   */
  constructor(
    stacks: readonly string[],
    private readonly out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean },
    private readonly live: boolean = out.isTTY === true,
  ) {
    for (const s of stacks) this.rows.set(s, { state: "queued", resourcesDone: 0 });
    if (this.live) {
      this.timer = setInterval(() => this.draw(), 500);
      this.timer.unref();
    }
  }

  /** A stack's run started. */
  start(stack: string): void {
    const r = this.rows.get(stack)!;
    r.state = "running";
    r.started = Date.now();
    if (!this.live) this.line(`${stack}: running`);
  }

  /** A stack's run reported progress. */
  progress(stack: string, resourcesDone: number): void {
    this.rows.get(stack)!.resourcesDone = resourcesDone;
  }

  /** A stack's run ended. */
  finish(outcome: StackOutcome): void {
    const r = this.rows.get(outcome.stack)!;
    r.state = outcome.result === "failed" ? "failed" : "done";
    r.outcome = outcome;
    if (!this.live) {
      const why = outcome.error ? `: ${outcome.error}` : "";
      this.line(`${outcome.stack}: ${outcome.result} in ${outcome.seconds} s${why}`);
    }
  }

  /** Stops redrawing (draws the final state once). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.live) this.draw();
  }

  private counts() {
    let done = 0;
    let failed = 0;
    let running = 0;
    for (const r of this.rows.values()) {
      if (r.state === "done") done++;
      else if (r.state === "failed") failed++;
      else if (r.state === "running") running++;
    }
    return { done, failed, running, total: this.rows.size };
  }

  private overall(): string {
    const c = this.counts();
    const s = Math.round((Date.now() - this.started) / 1000);
    return `[${c.done + c.failed}/${c.total}] ${c.running} running, ${c.done} done, ${c.failed} failed, ${s} s`;
  }

  private line(text: string): void {
    this.out.write(`${this.overall()}  ${text}\n`);
  }

  private draw(): void {
    const width = Math.max(5, ...[...this.rows.keys()].map((k) => k.length));
    const lines = [...this.rows].map(([name, r]) => {
      const secs = r.started
        ? Math.round(((r.outcome ? r.started + r.outcome.seconds * 1000 : Date.now()) - r.started) / 1000)
        : 0;
      const detail =
        r.state === "running"
          ? `${r.resourcesDone} resources done, ${secs} s`
          : r.outcome
            ? `${r.outcome.result}, ${secs} s`
            : "";
      return `  ${name.padEnd(width)}  ${r.state.padEnd(7)}  ${detail}`;
    });
    lines.push(this.overall());
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : "";
    this.out.write(`${up}${lines.map((l) => `\x1b[2K${l}`).join("\n")}\n`);
    this.drawn = lines.length;
  }
}
