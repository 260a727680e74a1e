/**
 * The fidelity table of `emulator/README.md`, rendered from the catalogue so the two cannot drift: one
 * row per method and version set, with its page(s), whether it is verified or assumed, and the first
 * assumption. A test checks that the README holds exactly this text between its markers.
 */
import { CATALOGUE } from "./index";

/** The markers around the table in `emulator/README.md`. */
export const TABLE_MARKERS = { start: "<!-- fidelity-table:start -->", end: "<!-- fidelity-table:end -->" } as const;

/** The page id of a reference address (e.g. `77211-126242`). */
function pageId(url: string): string {
  const m = /\/(772(?:09|11|12)-\d+)-/.exec(url);
  return m ? m[1]! : url;
}

/** Markdown-safe text on one line. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

/** The table: totals, then the rows. */
export function fidelityTable(): string {
  const verified = CATALOGUE.filter((e) => e.fidelity === "verified").length;
  const lines = [
    `${CATALOGUE.length} entries: ${verified} verified, ${CATALOGUE.length - verified} assumed. Pages: 77209 cloud, 77211 partners, 77212 on-premises.`,
    "",
    "| method | versions | pages | fidelity | what is assumed (first item; the catalogue has all) |",
    "|---|---|---|---|---|",
  ];
  for (const e of CATALOGUE) {
    const pages = e.pages.length > 0 ? e.pages.map((p) => `[${pageId(p)}](${p})`).join(" ") : "none found";
    const first = e.assumptions[0] ?? "";
    const shown = first.length > 180 ? `${first.slice(0, 177)}…` : first;
    lines.push(
      `| \`${e.module}.${e.method}\` | ${e.versions.join(", ")} | ${pages} | ${e.fidelity} | ${cell(shown)} |`,
    );
  }
  return lines.join("\n");
}

/** `readme` with the table between the markers replaced by the current one. */
export function withFidelityTable(readme: string): string {
  const start = readme.indexOf(TABLE_MARKERS.start);
  const end = readme.indexOf(TABLE_MARKERS.end);
  if (start < 0 || end < start) throw new Error("the README has no fidelity-table markers");
  return `${readme.slice(0, start + TABLE_MARKERS.start.length)}\n${fidelityTable()}\n${readme.slice(end)}`;
}
