/**
 * Partial failures: a create that made the object but failed a later step (e.g. a company created,
 * then `suspendCompany` failed).
 *
 * Pulumi's dynamic provider host reports an error carrying `id` and `properties` as
 * "created but failed to initialize" (`ErrorResourceInitFailed`): the engine records the object in
 * state with those outputs instead of forgetting it, so the next `pulumi up` finishes the job with an
 * update instead of creating a duplicate. The recorded outputs must include the serialized provider
 * (`__provider`), or later operations on the object could not run: {@link withPartialFailures} puts it
 * back, since the shared handler strips it before a resource sees its inputs.
 */
import { PROVIDER_KEY, wireSafe, type ResourceHandler } from "./handler";

/** Thrown by a resource's create when the object exists but a follow-up step failed. */
export class PartialCreateError extends Error {
  /** The created object's id (the engine records the object under it). */
  readonly id: string;
  /** The outputs to record: what is actually true of the object now. */
  properties: Record<string, unknown>;
  /** Why the create is incomplete (shown by the engine). */
  readonly reasons: string[];

  /** `cause` is the follow-up step's error; its message becomes the reason. */
  constructor(what: string, id: string, properties: Record<string, unknown>, step: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `${what} was created (id ${id}) but ${step} failed: ${reason}. The object is recorded in the stack; run \`pulumi up\` again to finish.`,
      { cause },
    );
    this.name = "PartialCreateError";
    this.id = id;
    this.properties = properties;
    this.reasons = [`${step} failed: ${reason}`];
  }
}

/** Wraps a handler so that a {@link PartialCreateError} from create keeps the serialized provider in its outputs. */
export function withPartialFailures(handler: ResourceHandler): ResourceHandler {
  return {
    ...handler,
    async create(inputs) {
      try {
        return await handler.create(inputs);
      } catch (e) {
        if (e instanceof PartialCreateError && inputs && PROVIDER_KEY in inputs) {
          e.properties = wireSafe({ ...e.properties, [PROVIDER_KEY]: inputs[PROVIDER_KEY] });
        }
        throw e;
      }
    },
  };
}
