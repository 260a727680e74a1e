/**
 * The fleet's live display on standard error: a line per stack (queued, running, done, failed) and
 * the overall progress. On a terminal the block is redrawn in place (when the stacks do not fit its
 * height, the running and failed ones are shown and the rest counted); elsewhere (CI logs) a line is
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
    private readonly out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean; rows?: number },
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

  /**
   * The stacks the live block shows: all of them when they fit the terminal (its height less the
   * overall line and one spare); otherwise the running and failed ones first (as many as fit), and
   * how many are left out. A block taller than the terminal could not be redrawn in place.
   */
  private visible(): { shown: [string, Row][]; hidden: number } {
    const all = [...this.rows];
    const room = Math.max(3, ((this.out as { rows?: number }).rows ?? 24) - 2);
    if (all.length <= room) return { shown: all, hidden: 0 };
    const rank = (r: Row) => (r.state === "running" ? 0 : r.state === "failed" ? 1 : 2);
    const busy = all.filter(([, r]) => rank(r) < 2).sort(([, a], [, b]) => rank(a) - rank(b));
    const shown = busy.slice(0, room - 1);
    return { shown, hidden: all.length - shown.length };
  }

  private draw(): void {
    const { shown, hidden } = this.visible();
    const width = Math.max(5, ...shown.map(([k]) => k.length));
    const lines = shown.map(([name, r]) => {
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
    if (hidden > 0) lines.push(`  … ${hidden} more stacks queued or done (not shown)`);
    lines.push(this.overall());
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : "";
    this.out.write(`${up}${lines.map((l) => `\x1b[2K${l}`).join("\n")}\n`);
    this.drawn = lines.length;
  }
}
