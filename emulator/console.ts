/**
 * Console-style edits: the out-of-band changes a person makes in the GravityZone console, applied
 * directly to the state through the admin route (`POST /__admin/console {action, …}`), so tests and
 * the demo can create drift. They act with the tenant owner's full visibility and skip rate limits,
 * but keep the same rules as the API where the console has them (unique names, same-company moves).
 *
 * Actions: renameCompany {companyId, name}; suspendCompany {companyId, recursive?};
 * activateCompany {companyId, recursive?}; moveCustomGroup {groupId, parentId};
 * renameCustomGroup {groupId, name}; deleteObject {id} (any object; a company goes with everything
 * below it, a group with its subgroups); setEndpointPolicy {endpointId, policyId|null, force?}
 * (null = inherit); setPolicyAssignment {targetId, policyId|null, force?} (any company, group or
 * endpoint); disablePush {companyId?} (the service switching itself off after delivery errors);
 * removeBlocklistItem {id}; updatePackage {packageId, packageName?, description?, language?,
 * modules?, …}; updateAccount {accountId, email?, fullName?, role?, rights?, …};
 * addEndpoint {parentId, name, operatingSystemVersion?, isManaged?} (a new machine appearing; a
 * company as parent means its 'Computers and Groups').
 *
 * A company's system groups ('Computers and Groups', 'Deleted', 77209-128488) cannot be renamed,
 * moved or deleted, and nothing is placed in 'Deleted'.
 */
import { isoUtc } from "./clock";
import { invalidParams, notFound } from "./errors";
import { newObjectId } from "./ids";
import { computersAndGroupsOf, removeCompany, removeEndpoint, removeGroup } from "./lifecycle";
import { applyAccountUpdate } from "./methods/accounts";
import { emailRule, languageRule, packageLanguageRule, RIGHTS, ROLES, timezoneRule } from "./methods/accounts-rules";
import { assertCompanyNameFree, setSuspended } from "./methods/companies";
import {
  assertGroupNameFree,
  GROUP_NAME_MAX,
  moveGroup,
  requireContainerGroup,
  requireCustomGroup,
} from "./methods/network";
import { applyPackageUpdate, PACKAGE_MODULES, PACKAGE_NAME_MAX } from "./methods/packages";
import { anyObject, arr, bool, flags, id, int, readParams, req, str, type Infer, type Shape } from "./params";
import {
  requireAccount,
  requireBlocklistItem,
  requireCompany,
  requireEndpoint,
  requireNode,
  requirePackage,
  requirePolicy,
  type Caller,
} from "./scope";
import type { TenantState } from "./state";
import { companyOfNode, findNode, isCompanyWithin } from "./tree";

type Action = (state: TenantState, params: Record<string, unknown>, caller: Caller, now: Date) => unknown;

function withShape<S extends Shape>(
  shape: S,
  run: (state: TenantState, p: Infer<S>, caller: Caller, now: Date) => unknown,
): Action {
  return (state, params, caller, now) => run(state, readParams(params, shape), caller, now);
}

function assignPolicy(
  state: TenantState,
  caller: Caller,
  targetId: string,
  policyId: string | null,
  force: boolean,
): void {
  const node = requireNode(state, caller, targetId, "target");
  if (policyId === null) {
    if (node.kind === "company") {
      const def = Object.values(state.policies).find((p) => p.companyId === node.record.id && p.isDefault);
      if (def) node.record.policy = { policyId: def.id, force: false };
    } else delete node.record.policy;
    return;
  }
  const policy = requirePolicy(state, caller, policyId);
  if (!isCompanyWithin(state, companyOfNode(node), policy.companyId))
    throw invalidParams(`The policy "${policy.name}" is not available to "${targetId}".`);
  node.record.policy = { policyId, force };
}

const policyTarget = { policyId: str({ max: 24 }), force: bool() };

const ACTIONS: Record<string, Action> = {
  renameCompany: withShape({ companyId: req(id()), name: req(str({ max: 64 })) }, (state, p, caller) => {
    const c = requireCompany(state, caller, p.companyId);
    assertCompanyNameFree(state, p.name, c.id);
    c.name = p.name;
  }),
  suspendCompany: withShape({ companyId: req(id()), recursive: bool() }, (state, p, caller) =>
    setSuspended(state, caller, p.companyId, true, p.recursive ?? false),
  ),
  activateCompany: withShape({ companyId: req(id()), recursive: bool() }, (state, p, caller) =>
    setSuspended(state, caller, p.companyId, false, p.recursive ?? false),
  ),
  moveCustomGroup: withShape({ groupId: req(id()), parentId: req(id()) }, (state, p, caller) =>
    moveGroup({ state, caller }, p.groupId, p.parentId),
  ),
  renameCustomGroup: withShape(
    { groupId: req(id()), name: req(str({ max: GROUP_NAME_MAX, noHtml: true })) },
    (state, p, caller) => {
      const g = requireCustomGroup(state, caller, p.groupId, "renamed");
      assertGroupNameFree(state, g.parentId, p.name, g.id);
      g.name = p.name;
    },
  ),
  deleteObject: withShape({ id: req(id()) }, (state, p, caller) => {
    const oid = p.id;
    const node = findNode(state, oid);
    if (node) {
      requireNode(state, caller, oid);
      if (node.kind === "company") {
        if (oid === caller.companyId) throw invalidParams("The tenant's root company cannot be deleted.");
        removeCompany(state, oid);
      } else if (node.kind === "group") removeGroup(state, requireCustomGroup(state, caller, oid, "deleted").id);
      else removeEndpoint(state, oid);
      return;
    }
    if (state.packages[oid]) return void delete state.packages[requirePackage(state, caller, oid).id];
    if (state.accounts[oid]) {
      if (oid === state.ownerAccountId) throw invalidParams("The account that owns the API keys cannot be deleted.");
      delete state.accounts[requireAccount(state, caller, oid).id];
      delete state.notifications[oid];
      return;
    }
    if (state.blocklist[oid]) return void delete state.blocklist[requireBlocklistItem(state, caller, oid).id];
    if (state.policies[oid]) {
      const pol = requirePolicy(state, caller, oid);
      if (pol.isDefault) throw invalidParams("A company's default policy cannot be deleted.");
      for (const rec of [...Object.values(state.groups), ...Object.values(state.endpoints)])
        if (rec.policy?.policyId === oid) delete rec.policy;
      for (const c of Object.values(state.companies)) {
        if (c.policy.policyId !== oid) continue;
        const def = Object.values(state.policies).find((x) => x.companyId === c.id && x.isDefault);
        if (def) c.policy = { policyId: def.id, force: false };
      }
      return void delete state.policies[oid];
    }
    if (state.scanTasks[oid]) return void delete state.scanTasks[oid];
    if (state.reports[oid]) return void delete state.reports[oid];
    throw notFound("object", oid);
  }),
  setEndpointPolicy: withShape({ endpointId: req(id()), ...policyTarget }, (state, p, caller) => {
    requireEndpoint(state, caller, p.endpointId);
    assignPolicy(state, caller, p.endpointId, p.policyId ?? null, p.force ?? false);
  }),
  setPolicyAssignment: withShape({ targetId: req(id()), ...policyTarget }, (state, p, caller) =>
    assignPolicy(state, caller, p.targetId, p.policyId ?? null, p.force ?? false),
  ),
  disablePush: withShape({ companyId: id() }, (state, p, caller, now) => {
    const c = requireCompany(state, caller, p.companyId);
    const push = state.push[c.id];
    if (!push) throw invalidParams("The event push service settings were not set for this company.");
    push.status = 0;
    push.stats.errorMessages += 101;
    push.stats.lastUpdateTime = isoUtc(now).slice(0, 19);
  }),
  removeBlocklistItem: withShape({ id: req(id()) }, (state, p, caller) => {
    delete state.blocklist[requireBlocklistItem(state, caller, p.id).id];
  }),
  updatePackage: withShape(
    {
      packageId: req(id()),
      packageName: str({ max: PACKAGE_NAME_MAX, noHtml: true }),
      description: str({ nonEmpty: false, max: 1024 }),
      language: packageLanguageRule(),
      modules: flags(int({ oneOf: [0, 1] }), PACKAGE_MODULES),
      scanMode: anyObject(),
      settings: anyObject(),
      roles: flags(int({ oneOf: [0, 1] })),
      deploymentOptions: anyObject(),
      productType: int({ oneOf: [0, 3, 5] }),
    },
    (state, p, caller) => applyPackageUpdate(state, requirePackage(state, caller, p.packageId), p),
  ),
  updateAccount: withShape(
    {
      accountId: req(id()),
      email: emailRule(),
      userName: str({ max: 254 }),
      fullName: str({ max: 128 }),
      timezone: timezoneRule(),
      language: languageRule(),
      role: int({ oneOf: ROLES }),
      rights: flags(bool(), RIGHTS),
      targetIds: arr(id()),
    },
    (state, p, caller) => {
      const a = requireAccount(state, caller, p.accountId);
      applyAccountUpdate(state, a, {
        ...p,
        profile: { fullName: p.fullName, timezone: p.timezone, language: p.language },
      });
    },
  ),
  addEndpoint: withShape(
    { parentId: req(id()), name: req(str({ max: 128 })), operatingSystemVersion: str({ max: 128 }), isManaged: bool() },
    (state, p, caller, now) => {
      const node = requireNode(state, caller, p.parentId, "parent");
      if (node.kind === "endpoint") throw invalidParams("An endpoint cannot contain endpoints.");
      // A new machine appears in its company's 'Computers and Groups' (77209-128488), or in the group given.
      const home = node.kind === "company" ? computersAndGroupsOf(state, node.record.id) : node.record.id;
      const parent = requireContainerGroup(state, caller, home, "parentId", "parent");
      const eid = newObjectId(now.getTime());
      const managed = p.isManaged ?? true;
      const os = p.operatingSystemVersion ?? "Windows 11 Pro";
      state.endpoints[eid] = {
        id: eid,
        name: p.name,
        type: 5,
        companyId: parent.companyId,
        parentId: parent.id,
        fqdn: p.name.toLowerCase(),
        ip: "10.250.0.10",
        macs: [eid.slice(-12)],
        operatingSystemVersion: os,
        osFamily: /mac/i.test(os) ? "macos" : /linux|ubuntu|debian|red hat/i.test(os) ? "linux" : "windows",
        isManaged: managed,
        state: managed ? 1 : 0,
        malwareStatus: { detection: false, infected: false },
        agent: managed
          ? {
              productVersion: "7.9.14.401",
              engineVersion: "7.99021",
              signatureOutdated: false,
              productOutdated: false,
              lastUpdate: isoUtc(now),
              primaryEngine: 1,
              fallbackEngine: 2,
              licensed: 1,
            }
          : null,
        modules: managed
          ? {
              antimalware: true,
              advancedThreatControl: true,
              firewall: true,
              networkAttackDefense: true,
              edrSensor: true,
            }
          : {},
        roles: { relay: false, exchange: false, securityServer: false },
        label: "",
        tags: [],
        ssid: "",
        lastSeen: isoUtc(now),
        lastSuccessfulScan: null,
        isolated: false,
        createdAt: isoUtc(now),
      };
      return { id: eid };
    },
  ),
};

/** The names of the console actions. */
export const CONSOLE_ACTIONS: readonly string[] = Object.keys(ACTIONS);

/**
 * Runs one console action (`{action, …parameters}`) against the state as the tenant owner. Returns
 * the action's result (usually undefined); throws an RpcError (bad parameters, unknown object) or an
 * Error for an unknown action.
 */
export function runConsoleAction(state: TenantState, body: Record<string, unknown>, now: Date = new Date()): unknown {
  const { action, ...params } = body;
  if (typeof action !== "string" || !Object.hasOwn(ACTIONS, action)) {
    throw invalidParams(
      `Unknown console action ${JSON.stringify(action)}. Known actions: ${CONSOLE_ACTIONS.join(", ")}.`,
    );
  }
  const caller: Caller = { companyId: state.rootCompanyId, accountId: state.ownerAccountId, modules: [] };
  return ACTIONS[action]!(state, params, caller, now);
}
