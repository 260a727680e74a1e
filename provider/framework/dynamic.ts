/**
 * The thin provider object Pulumi serializes into every dynamic resource's state (`__provider`, kept
 * in both the inputs and the outputs of every resource).
 *
 * Pulumi stores the provider *with its closure* and runs the stored code later for refresh and
 * delete, so this object must capture nothing but a short string. It holds only `configure`: the
 * dynamic provider host calls it once, right after deserializing, before any other method, and it
 * installs the real methods (`check`, `diff`, `create`, `read`, `update`, `delete`) on the object from
 * the installed package. Each serialized function costs ~250 bytes of state per resource, twice, so
 * one function instead of seven keeps `__provider` under 700 bytes. Schemas, the HTTP agent and the
 * configuration are never captured (a captured value lands in state in plain text).
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * The serialized provider for the resource implemented in `dist/provider/resources/<file>.js`
 * (which exports `handler`).
 * @internal
 */
export function dynamicProvider(file: string): pulumi.dynamic.ResourceProvider {
  const provider = {
    // Synchronous on purpose: the host caches the provider before awaiting configure, so a concurrent
    // call must find the methods installed as soon as configure has been called.
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      // By package name and at run time: this function's text is stored in the stack's state and runs
      // in the provider host, where only the installed package can be found.
      /* eslint-disable @typescript-eslint/no-require-imports */
      Object.assign(this, require(`pulumi-gravityzone/dist/provider/resources/${file}`).handler);
      require("pulumi-gravityzone/dist/provider/settings").configureProvider((k: string) => req.config.get(k));
      /* eslint-enable @typescript-eslint/no-require-imports */
    },
  };
  // The CRUD methods exist once configure has run, which the host always does first.
  return provider as unknown as pulumi.dynamic.ResourceProvider;
}
