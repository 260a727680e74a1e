/**
 * The one gathering rule the provider uses wherever many resources make the same kind of call at
 * once (a listing they all need, hashes added to one blocklist, items removed together).
 *
 * The engine hands operations to the provider a few at a time (`--parallel`), and many GravityZone
 * methods are rate limited, so requests that arrive together are served by one call:
 *
 * - a request joins the **open** batch: the one whose call has not been sent yet;
 * - a batch waits {@link GATHER_MS} before its call, to gather requests, and starts only once the
 *   batch before it on the same {@link Gathering} is done (calls of one kind never overlap);
 * - the batch closes when its call signals `sent` (e.g. the client's `onSend`, after any rate-limit
 *   wait) or when it ends, whichever comes first; a request arriving after that waits for the next
 *   batch, so its answer reflects the state after it was made;
 * - a batch holds at most {@link GatheringOptions.max} requests; the next one opens a new batch.
 *
 * @module
 */

/** How long a batch waits for more requests before its call, in milliseconds. */
export const GATHER_MS = 10;

/** Options of a {@link Gathering}. */
export interface GatheringOptions {
  /** Most requests one batch carries. @default Infinity */
  readonly max?: number;
}

/**
 * Sends one batch: `items` are the requests gathered so far; `sent` closes the batch to newcomers and
 * is to be called when the call goes out (calling it again, or never, is harmless: the batch closes
 * when the send ends).
 */
export type BatchSender<T, R> = (items: readonly T[], sent: () => void) => Promise<R>;

interface Batch<T, R> {
  readonly items: T[];
  done?: Promise<R>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One queue of gathered calls (one list, one blocklist): see the module comment for the rule. */
export class Gathering<T, R> {
  private running?: Promise<unknown>;
  private open?: Batch<T, R>;
  private readonly max: number;

  /** A queue with no batch open. */
  constructor(options: GatheringOptions = {}) {
    this.max = options.max ?? Infinity;
  }

  /**
   * Adds `item` to the open batch, or opens one that `send` will send; resolves (or rejects) with the
   * batch's result. Requests that join an open batch share the `send` of the request that opened it.
   */
  join(item: T, send: BatchSender<T, R>): Promise<R> {
    const open = this.open;
    if (open?.done && open.items.length < this.max) {
      open.items.push(item);
      return open.done;
    }
    const batch: Batch<T, R> = { items: [item] };
    const before = this.running ?? Promise.resolve();
    const sent = () => {
      if (this.open === batch) this.open = undefined;
    };
    batch.done = (async () => {
      await before.catch(() => undefined);
      await sleep(GATHER_MS);
      const run = send(batch.items, sent);
      this.running = run;
      try {
        return await run;
      } finally {
        sent();
        if (this.running === run) this.running = undefined;
      }
    })();
    this.open = batch;
    return batch.done;
  }
}

/**
 * The {@link Gathering} for `key` under `owner` (a client: calls are never gathered across clients),
 * created on first use.
 */
export function gatheringOf<T, R>(
  store: WeakMap<object, Map<string, Gathering<unknown, unknown>>>,
  owner: object,
  key: string,
  options: GatheringOptions = {},
): Gathering<T, R> {
  let byKey = store.get(owner);
  if (!byKey) store.set(owner, (byKey = new Map()));
  let g = byKey.get(key);
  if (!g) byKey.set(key, (g = new Gathering<unknown, unknown>(options)));
  return g as Gathering<T, R>;
}
