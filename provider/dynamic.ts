/**
 * The thin provider object Pulumi serializes into every dynamic resource's state (`__provider`).
 *
 * Pulumi stores the provider *with its closure* and runs the stored code later for refresh and
 * delete, so this object must capture nothing but a short string: every method lazily `require`s the
 * real implementation from the installed package and forwards to it. Schemas, the HTTP agent and the
 * configuration are never captured (a captured value lands in state in plain text).
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * The serialized provider for the resource implemented in `dist/provider/resources/<file>.js`
 * (which exports `handler`).
 * @internal
 */
export function dynamicProvider(file: string): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      require("pulumi-gravityzone/dist/provider/settings").configureProvider((k: string) => req.config.get(k));
    },
    check: (olds, news) => require(`pulumi-gravityzone/dist/provider/resources/${file}`).handler.check(olds, news),
    diff: (id, olds, news) => require(`pulumi-gravityzone/dist/provider/resources/${file}`).handler.diff(id, olds, news),
    create: (inputs) => require(`pulumi-gravityzone/dist/provider/resources/${file}`).handler.create(inputs),
    read: (id, props) => require(`pulumi-gravityzone/dist/provider/resources/${file}`).handler.read(id, props),
    update: (id, olds, news) => require(`pulumi-gravityzone/dist/provider/resources/${file}`).handler.update(id, olds, news),
    delete: (id, props) => require(`pulumi-gravityzone/dist/provider/resources/${file}`).handler.delete(id, props),
  };
}
