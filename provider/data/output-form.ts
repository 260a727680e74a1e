/**
 * Pulumi's data-source convention: `getX(args)` returns a Promise, `getXOutput(args)` takes inputs
 * that may be Outputs and returns an Output. This turns the first into the second.
 */
import * as pulumi from "@pulumi/pulumi";

/** Maps every field of `T` to a `pulumi.Input`. */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Builds the Output form of a Promise-returning data source. */
export function outputForm<A extends object, R>(fn: (args: A) => Promise<R>): (args?: Inputs<A>) => pulumi.Output<R> {
  return (args) =>
    pulumi.output((args ?? {}) as pulumi.Input<A>).apply((resolved) => fn(resolved as A)) as pulumi.Output<R>;
}
