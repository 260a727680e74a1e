/**
 * API calls per operation for each resource kind, counted at the emulator around real CLI runs of
 * bench/programs/kinds: create (`up`), no-op `preview`, no-op `up`, `refresh`, update (`up` after one
 * input of every resource changed) and delete (`destroy`). One stack holds every kind, placed so that each
 * call can be attributed to its kind by method and parameters ({@link kindOf}); a call that cannot be
 * attributed is reported as such.
 */
import { Project, emulatorModule } from "./harness.mjs";
import { tally } from "./calls.mjs";

/** @typedef {import("../emulator/index.js").TenantState} TenantState */
/** @typedef {import("../emulator/index.js").RunningEmulator} RunningEmulator */
/** @typedef {import("../emulator/index.js").CallRecord} CallRecord */
/** @typedef {import("../emulator/index.js").BlocklistRecord} BlocklistRecord */
/** @typedef {ReturnType<typeof tally>} Tally */
/**
 * @typedef {{groupsCompany: string, entriesCompany: string, listCompany: string, adoptedCompany: string,
 *   endpointsCompany: string, altParentId: string}} SeedIds The seeded objects the kinds program works in, by role.
 */
/** @typedef {{entriesItems: number, adoptedItems: number, listItems: number}} ItemCounts Hash items per company. */
/**
 * @typedef {{ids: Record<string,string>, entryItemIds: Set<string>, adoptedItemIds: Set<string>,
 *   listItemIds: Set<string>}} KindContext What {@link kindOf} needs to attribute a call.
 */
/** @typedef {Tally & {seconds: number, exit: number, cliErrors: number}} KindRun One operation's CLI run. */

/**
 * The seeded tenant's objects the kinds program works in (the seed's ids are fixed).
 * @param {TenantState} state
 */
export function seedContext(state) {
  /** @param {string} name */
  const byName = (name) => Object.values(state.companies).find((c) => c.name === name)?.id;
  const ids = {
    groupsCompany: byName("Contoso Dental Group"),
    entriesCompany: byName("Fabrikam Logistics"),
    listCompany: byName("Tailspin Toys"),
    adoptedCompany: byName("Adatum Health Clinic"),
    endpointsCompany: byName("Litware Legal LLP"),
  };
  // Custom groups live under the company's 'Computers and Groups' system group (77209-128488).
  const root = Object.values(state.groups).find(
    (g) => g.companyId === ids.groupsCompany && g.system && g.name === "Computers and Groups",
  );
  const alt = Object.values(state.groups).find(
    (g) => g.companyId === ids.groupsCompany && !g.system && g.parentId === root?.id,
  );
  const endpoints = Object.values(state.endpoints)
    .filter((e) => e.companyId === ids.endpointsCompany && e.isManaged !== false)
    .map((e) => e.id)
    .sort();
  const policies = Object.values(state.policies)
    .filter((p) => p.companyId === state.rootCompanyId && !p.isDefault)
    .map((p) => p.id)
    .sort();
  if (Object.values(ids).some((x) => !x) || !alt || policies.length < 2)
    throw new Error("the emulator's seeded tenant is not the one this benchmark expects");
  // Every id was checked just above.
  return { ids: /** @type {SeedIds} */ ({ ...ids, altParentId: alt.id }), endpoints, policies: policies.slice(0, 2) };
}

/**
 * The same deterministic hash the kinds program derives for item i of a list.
 * @param {string} list
 * @param {number} i
 */
export function benchHash(list, i) {
  return (list + String(i).padStart(4, "0"))
    .split("")
    .map((c) => c.charCodeAt(0).toString(16))
    .join("")
    .padEnd(64, "0")
    .slice(0, 64);
}

/**
 * Puts `count` hash items of list `list` straight into a company's blocklist (as if added long ago).
 * @param {RunningEmulator} emu
 * @param {string} companyId
 * @param {string} list
 * @param {number} count
 */
export function seedBlocklist(emu, companyId, list, count) {
  // The default seed holds SHA-256 hash rules; the first one is the template.
  const template = /** @type {BlocklistRecord} */ (
    Object.values(emu.state.blocklist).find((b) => b.type === "hash" && b.hashType === 1)
  );
  /** @type {Set<string>} */
  const ids = new Set();
  for (let i = 0; i < count; i++) {
    const id = `bbbbbbbb${String(i).padStart(16, "0")}`;
    emu.state.blocklist[id] = {
      ...template,
      id,
      companyId,
      hash: benchHash(list, i),
      sourceInfo: "seeded by the benchmark",
    };
    ids.add(id);
  }
  return ids;
}

/**
 * Hash items (what v1.0 getBlocklistItems lists) of a company.
 * @param {TenantState} state
 * @param {string} companyId
 */
export function hashItems(state, companyId) {
  return Object.values(state.blocklist).filter((b) => b.companyId === companyId && b.type === "hash").length;
}

/**
 * The kinds and how many of each the program declares.
 * @param {number} n
 * @returns {Record<string, number>}
 */
export function kindCounts(n) {
  return {
    Company: n,
    CustomGroup: n,
    InstallationPackage: n,
    Account: n,
    PushEventSettings: 1,
    BlocklistEntry: n,
    BlocklistEntryAdopted: 150,
    Blocklist: 250,
    PolicyAssignment: n,
  };
}

/** Display names of the kinds. @type {Record<string, string>} */
export const KIND_LABELS = {
  BlocklistEntryAdopted: "BlocklistEntry, adopted",
  Blocklist: "Blocklist (hashes)",
};

/**
 * The kind a call belongs to in the kinds stack.
 * @param {{module: string, method: string, version: string, params: any}} c
 * @param {KindContext} ctx
 */
export function kindOf(c, ctx) {
  const p = c.params ?? {};
  switch (c.module) {
    case "companies":
      // PushEventSettings asks for the key's own company (no companyId); Company always names one.
      if (c.method === "getCompanyDetails" && p.companyId === undefined) return "PushEventSettings";
      return "Company";
    case "packages":
      return "InstallationPackage";
    case "accounts":
      return "Account";
    case "push":
      return "PushEventSettings";
    case "network":
      if (
        [
          "getCustomGroupsList",
          "createCustomGroup",
          "moveCustomGroup",
          "deleteCustomGroup",
          "getNetworkInventoryItems",
        ].includes(c.method)
      )
        return "CustomGroup";
      if (["getManagedEndpointDetails", "assignPolicy", "getEndpointsList"].includes(c.method))
        return "PolicyAssignment";
      return undefined;
    case "incidents": {
      const byCompany = {
        [ctx.ids.entriesCompany]: "BlocklistEntry",
        [ctx.ids.adoptedCompany]: "BlocklistEntryAdopted",
        [ctx.ids.listCompany]: "Blocklist",
      };
      if (p.companyId !== undefined) return byCompany[p.companyId];
      // A remove names item ids only. Deletes of entries go out together whatever their company, so
      // a call is the kind's whose items it holds most of.
      /** @type {string[]} */
      const ids = p.hashItemId !== undefined ? [p.hashItemId] : Array.isArray(p.ids) ? p.ids : [];
      const held = /** @type {Array<[string, number]>} */ ([
        ["BlocklistEntryAdopted", ids.filter((id) => ctx.adoptedItemIds.has(id)).length],
        ["BlocklistEntry", ids.filter((id) => ctx.entryItemIds.has(id)).length],
        ["Blocklist", ids.filter((id) => ctx.listItemIds.has(id)).length],
      ]).sort((a, b) => b[1] - a[1]);
      return held[0][1] > 0 ? held[0][0] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Runs create / no-op preview / refresh / update / delete of the kinds stack at `factor`; returns,
 * per kind and operation, the counted calls, plus what each operation's minimum depends on.
 * @param {number} n
 * @param {number} factor
 * @param {(line: string) => void} log
 */
export async function measureKinds(n, factor, log) {
  const counts = kindCounts(n);
  const boot = await emulatorModule.startEmulator({ rateLimits: "off" });
  const seed = seedContext(boot.state);
  await boot.close();
  const p = await Project.create({
    source: "kinds",
    scale: factor,
    config: {
      "bench:counts": JSON.stringify(counts),
      "bench:ids": JSON.stringify(seed.ids),
      "bench:targetIds": JSON.stringify(seed.endpoints),
      "bench:policyIds": JSON.stringify(seed.policies),
    },
    secrets: { "bench:password": "Bench-Passw0rd!-1" },
  });
  /** @type {KindContext} */
  const ctx = { ids: seed.ids, adoptedItemIds: new Set(), entryItemIds: new Set(), listItemIds: new Set() };
  /** @type {Record<string, Record<string, Tally>>} kind → operation → calls */
  const perKind = {};
  /** @type {Record<string, ItemCounts>} operation (or `end`) → hash items before it */
  const context = {};
  /** @type {Record<string, Record<string, number>>} operation → method → calls */
  const unattributed = {};
  /** @type {Record<string, KindRun>} */
  const runs = {};
  try {
    ctx.adoptedItemIds = seedBlocklist(p.emu, seed.ids.adoptedCompany, "adopted", counts.BlocklistEntryAdopted);
    /** @param {string} companyId */
    const itemsOf = (companyId) =>
      new Set(
        Object.values(p.emu.state.blocklist)
          .filter((b) => b.companyId === companyId)
          .map((b) => b.id),
      );
    /**
     * @param {string} op
     * @param {string[]} args
     * @param {() => Promise<void>} [before]
     */
    const step = async (op, args, before) => {
      if (before) await before();
      // Item ids of the entries and of the list as they are before this operation (delete needs them).
      for (const id of itemsOf(seed.ids.entriesCompany)) ctx.entryItemIds.add(id);
      for (const id of itemsOf(seed.ids.listCompany)) ctx.listItemIds.add(id);
      context[op] = {
        entriesItems: hashItems(p.emu.state, seed.ids.entriesCompany),
        adoptedItems: hashItems(p.emu.state, seed.ids.adoptedCompany),
        listItems: hashItems(p.emu.state, seed.ids.listCompany),
      };
      p.emu.resetCalls();
      const r = await p.run(args);
      const calls = p.emu.calls();
      runs[op] = { seconds: r.seconds, exit: r.code, cliErrors: countCliErrors(r), ...tally(calls) };
      if (r.code !== 0) log(`  kinds ${op}: pulumi exited ${r.code}\n${lastLines(r.stdout + r.stderr)}`);
      /** @type {Record<string, CallRecord[]>} */
      const groups = {};
      for (const c of calls) {
        const k = kindOf(c, ctx);
        if (k === undefined) {
          const name = `${c.module}.${c.method}`;
          unattributed[op] = { ...unattributed[op], [name]: (unattributed[op]?.[name] ?? 0) + 1 };
          continue;
        }
        (groups[k] ??= []).push(c);
      }
      for (const k of Object.keys(counts)) (perKind[k] ??= {})[op] = tally(groups[k] ?? []);
    };
    await step("create", ["up", "--yes", "--skip-preview"]);
    await step("preview", ["preview"]);
    await step("noop-up", ["up", "--yes", "--skip-preview"]);
    await step("refresh", ["refresh", "--yes", "--skip-preview"]);
    await step("update", ["up", "--yes", "--skip-preview"], () => p.config({ "bench:rev": "1" }));
    await step("delete", ["destroy", "--yes", "--skip-preview"]);
    context.end = {
      entriesItems: hashItems(p.emu.state, seed.ids.entriesCompany),
      adoptedItems: hashItems(p.emu.state, seed.ids.adoptedCompany),
      listItems: hashItems(p.emu.state, seed.ids.listCompany),
    };
  } finally {
    await p.dispose();
  }
  return { counts, perKind, context, runs, unattributed };
}

/**
 * Lines of CLI output that report an error or a rate limit (a 429 that reached the user would be one).
 * @param {{stdout: string, stderr: string}} r
 */
export function countCliErrors(r) {
  return (r.stdout + r.stderr).split("\n").filter((l) => /^\s*error:|rate.?limit|\b429\b/i.test(l)).length;
}

/** @param {string} text */
function lastLines(text, n = 25) {
  return text.split("\n").slice(-n).join("\n");
}
