/**
 * Rules for {@link InstallationPackage}: the protection modules every package must install.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { InstallationPackage } from "pulumi-gravityzone";
import { resourceCheck } from "../support/checks";
import { listOf, settingsOf } from "../support/config";
import { labelOf } from "../support/values";

/** Settings of {@link installationPackageRequiredModules}. */
export interface RequiredModulesSettings {
  /** Modules every package must switch on explicitly. */
  requiredModules: string[];
}

/** Installation packages switch on the modules the organisation requires. */
export const installationPackageRequiredModules: ResourceValidationPolicy = {
  name: "installation-package-required-modules",
  description:
    "Installation packages must switch on the required protection modules (by default advanced threat control and the EDR sensor) explicitly: modules left out get GravityZone's defaults.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      requiredModules: {
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
        default: ["advancedThreatControl", "edrSensor"],
        description:
          "Module names (as in InstallationPackage modules: antimalware, advancedThreatControl, advancedAntiExploit, hyperDetect, firewall, networkAttackDefense, contentControl, deviceControl, edrSensor, …) every package must set to true.",
      },
    },
  },
  validateResource: resourceCheck(InstallationPackage, (pkg, args, report) => {
    const { requiredModules } = settingsOf<RequiredModulesSettings>(
      args,
      installationPackageRequiredModules.configSchema!,
    );
    const modules = (pkg.modules ?? {}) as Record<string, boolean | undefined>;
    const missing = requiredModules.filter((m) => modules[m] !== true);
    if (missing.length > 0) {
      report(
        `installation package "${labelOf(() => pkg.packageName, args.name)}" does not switch on the required modules ${listOf(missing)}: set them to true in modules.`,
      );
    }
  }),
};
