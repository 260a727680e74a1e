/**
 * The two shapes every rule in this pack takes, with secret redaction built in
 * (see {@link guardReport}).
 */
import {
  validateResourceOfType,
  type ReportViolation,
  type ResourceValidation,
  type ResourceValidationArgs,
  type StackValidation,
  type StackValidationArgs,
} from "@pulumi/policy";
import type { Resource, Unwrap } from "@pulumi/pulumi";
import { collectSecrets, guardReport } from "./secrets";

/**
 * A resource check for one resource class (matched by its `__pulumiType`): `check` receives the
 * resource's inputs typed after the class's args.
 */
export function resourceCheck<TResource extends Resource, TArgs>(
  // `any[]`: @pulumi/policy's validateResourceOfType declares the constructor's rest this way.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resourceClass: { new (name: string, args: TArgs, ...rest: any[]): TResource } & { readonly __pulumiType: string },
  check: (props: Unwrap<NonNullable<TArgs>>, args: ResourceValidationArgs, report: ReportViolation) => void,
): ResourceValidation {
  const validation = validateResourceOfType(resourceClass, (props, args, report) => {
    const secrets = collectSecrets(args.props);
    if (args.provider) collectSecrets(args.provider.props, secrets);
    check(props, args, guardReport(report, secrets));
  });
  typeOfCheck.set(validation, resourceClass.__pulumiType);
  return validation;
}

const typeOfCheck = new WeakMap<ResourceValidation, string>();

/**
 * One validation made of resource checks for several classes: the check for the resource's type
 * runs; other types are not applicable. (A plain array of checks would also report the policy "not
 * applicable" for every class the resource is not.)
 */
export function oneOf(...checks: ResourceValidation[]): ResourceValidation {
  const byType = new Map(checks.map((c) => [typeOfCheck.get(c), c] as const));
  return (args, report) => {
    const check = byType.get(args.type);
    if (!check)
      return args.notApplicable(
        `Policy only applies to resources of types ${[...byType.keys()].map((t) => `'${t}'`).join(", ")}`,
      );
    return check(args, report);
  };
}

/** A stack check: `check` sees every resource of the stack (their outputs). */
export function stackCheck(check: (args: StackValidationArgs, report: ReportViolation) => void): StackValidation {
  return (args, report) => {
    const secrets = new Set<string>();
    for (const r of args.resources) {
      collectSecrets(r.props, secrets);
      if (r.provider) collectSecrets(r.provider.props, secrets);
    }
    check(args, guardReport(report, secrets));
  };
}
