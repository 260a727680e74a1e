/**
 * The fleet's report: a table for people and the same as JSON for machines.
 */
import type { FleetOperation, StackOutcome } from "./runner";

/** A stack's line of the report: its outcome plus its API calls. */
export interface StackReport extends StackOutcome {
  /** API calls its provider made (slots taken from the shared budget, retries included); null without the shared budget. */
  apiCalls: number | null;
  /** 429 answers its provider saw; null without the shared budget. */
  rateLimited: number | null;
}

/** The whole report (the `--json` file). */
export interface FleetReport {
  /** The operation. */
  operation: FleetOperation;
  /** When the run started (ISO 8601). */
  startedAt: string;
  /** Wall time in seconds. */
  seconds: number;
  /** Stacks run at once. */
  concurrency: number;
  /** Whether the stacks shared one rate-limit budget. */
  sharedBudget: boolean;
  /** The exit code: 0 nothing to do or all applied, 1 drift found (drift), 2 a stack failed. */
  exitCode: number;
  /** Totals. */
  summary: { stacks: number; failed: number; drifted: number; apiCalls: number | null; rateLimited: number | null };
  /** Per stack, in the customers file's order. */
  stacks: StackReport[];
}

/** The exit code of a run: 2 when a stack failed, else 1 when `drift` found drift, else 0. */
export function exitCodeOf(operation: FleetOperation, stacks: readonly StackOutcome[]): number {
  if (stacks.some((s) => s.result === "failed")) return 2;
  if (operation === "drift" && stacks.some((s) => s.result === "drifted")) return 1;
  return 0;
}

function changesText(s: StackReport, operation: FleetOperation): string {
  if (s.result === "failed") return s.error ?? "";
  if (operation === "drift") {
    if (s.resources.length === 0) return "";
    return s.resources
      .map((r) => (r.properties.length > 0 ? `${r.resource} (${r.properties.join(", ")})` : `${r.resource} [${r.op}]`))
      .join("; ");
  }
  const c = s.changes;
  return `+${c.create} ~${c.update} -${c.delete}${c.replace ? ` +-${c.replace}` : ""}`;
}

/** The report as a text table. */
export function formatTable(report: FleetReport): string {
  const drift = report.operation === "drift";
  const head = ["stack", "result", drift ? "drifted resources (properties)" : "changes", "API calls", "429s", "time"];
  const rows = report.stacks.map((s) => [
    s.stack,
    s.result,
    changesText(s, report.operation),
    s.apiCalls === null ? "-" : String(s.apiCalls),
    s.rateLimited === null ? "-" : String(s.rateLimited),
    `${s.seconds} s`,
  ]);
  const widths = head.map((h, i) => Math.min(90, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 3)}...` : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const lines = [fmt(head), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)];
  const t = report.summary;
  const calls = t.apiCalls === null ? "" : `, ${t.apiCalls} API calls, ${t.rateLimited} 429s`;
  lines.push(
    "",
    `${t.stacks} stacks in ${report.seconds} s (concurrency ${report.concurrency}${report.sharedBudget ? ", one shared budget" : ""}): ` +
      `${t.failed} failed${drift ? `, ${t.drifted} drifted` : ""}${calls}.`,
  );
  // Drifted and failed stacks in full, since the table cuts long cells.
  for (const s of report.stacks) {
    if (s.result === "failed") lines.push(`  ${s.stack} failed: ${s.error ?? ""}`);
    if (drift && s.result === "drifted")
      for (const r of s.resources)
        lines.push(
          `  ${s.stack}: ${r.resource} ${r.op}${r.properties.length > 0 ? ` (${r.properties.join(", ")})` : ""}`,
        );
  }
  return `${lines.join("\n")}\n`;
}
