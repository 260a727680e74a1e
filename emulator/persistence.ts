/**
 * Saving the tenant state to a JSON file so it survives restarts.
 *
 * Every save writes a temporary file in the same directory, fsyncs it, renames it over the target
 * (atomic on POSIX filesystems) and fsyncs the directory: a crash at any moment leaves either the old
 * or the new complete file, never a torn one. Saves are serialised and coalesced: a save requested
 * while another is running waits for one more write that includes every change made so far.
 */
import { randomBytes } from "node:crypto";
import { constants as fsConstants, promises as fs, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { upgradeNetworkTree } from "./lifecycle";
import { stateProblem, upgradeState, type TenantState } from "./state";

/**
 * Writes `state` to `file` atomically (temp file + fsync + rename + directory fsync). The temporary
 * file has an unpredictable name and is created exclusively without following a link (`O_EXCL |
 * O_NOFOLLOW`): a file or link planted where it will be written is never written through.
 */
export async function writeStateFile(file: string, state: TenantState): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(12).toString("hex")}.tmp`);
  const data = JSON.stringify(state);
  const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | (fsConstants.O_NOFOLLOW ?? 0);
  const handle = await fs.open(tmp, flags, 0o600);
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  try {
    const d = await fs.open(dir, "r");
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Directory fsync is not supported everywhere (e.g. some container filesystems); the rename stands.
  }
}

/**
 * Removes temporary files a killed process may have left next to `file` (they are never read: the
 * target is only ever replaced by a complete file through rename).
 */
export function removeStaleTempFiles(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(".tmp")) rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Reads a state file written by {@link writeStateFile}. Returns undefined when the file does not
 * exist; throws with a clear message when it is not valid JSON or not a state of this version. A
 * state written by an older emulator is brought up to the current record shapes (see `upgradeState`).
 */
export function readStateFile(file: string): TenantState | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`state file ${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const problem = stateProblem(parsed);
  if (problem) throw new Error(`state file ${file} cannot be used: ${problem}`);
  // Older files have no system groups: give every company its 'Computers and Groups' (77209-128488).
  return upgradeNetworkTree(upgradeState(parsed as TenantState));
}

/** Serialises and coalesces saves of one state object to one file. */
export class Persister {
  private running: Promise<void> | undefined;
  private pending: Promise<void> | undefined;

  /**
   * @param file the target path, or undefined to make every save a no-op.
   * @param current returns the state to write (read at write time, so the latest changes are saved).
   */
  constructor(
    readonly file: string | undefined,
    private readonly current: () => TenantState,
  ) {}

  /** Resolves once a write that started after this call (so includes every change so far) has finished. */
  save(): Promise<void> {
    if (this.file === undefined) return Promise.resolve();
    if (this.pending) return this.pending;
    if (!this.running) {
      this.running = this.writeNow().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    const after = this.running.catch(() => undefined);
    this.pending = after.then(() => {
      this.pending = undefined;
      return this.save();
    });
    return this.pending;
  }

  private writeNow(): Promise<void> {
    return writeStateFile(this.file!, this.current());
  }
}
