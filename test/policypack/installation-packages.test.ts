import { describe, expect, it, vi } from "vitest";
import { InstallationPackage } from "./gravityzone";
import { checkResource } from "./harness";
import { installationPackageRequiredModules } from "../../policypack/rules/installation-packages";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

const policy = installationPackageRequiredModules;

/** A package the rule accepts. */
const happy = {
  packageName: "Servers",
  companyId: "5f3c6a1e9b1d2c00bbbbbbbb",
  modules: { antimalware: true, advancedThreatControl: true, edrSensor: true, firewall: false },
};

describe("installation-package-required-modules", () => {
  it("passes a package with the default required modules", async () => {
    expect(await checkResource(policy, InstallationPackage, happy)).toEqual({ violations: [] });
  });

  it("fails a package that switches a required module off", async () => {
    const out = await checkResource(policy, InstallationPackage, {
      ...happy,
      modules: { ...happy.modules, edrSensor: false },
    });
    expect(out.violations).toEqual([
      {
        message:
          'installation package "Servers" does not switch on the required modules edrSensor: set them to true in modules.',
      },
    ]);
  });

  it("fails a package that leaves the modules out (GravityZone's defaults are not assumed)", async () => {
    const { modules: _omit, ...rest } = happy;
    const out = await checkResource(policy, InstallationPackage, rest);
    expect(out.violations).toEqual([
      {
        message:
          'installation package "Servers" does not switch on the required modules advancedThreatControl, edrSensor: set them to true in modules.',
      },
    ]);
  });

  it("uses the configured requiredModules", async () => {
    const config = { requiredModules: ["firewall"] };
    const out = await checkResource(policy, InstallationPackage, happy, config);
    expect(out.violations).toEqual([
      {
        message:
          'installation package "Servers" does not switch on the required modules firewall: set them to true in modules.',
      },
    ]);
    expect(await checkResource(policy, InstallationPackage, { ...happy, modules: { firewall: true } }, config)).toEqual(
      { violations: [] },
    );
  });
});
