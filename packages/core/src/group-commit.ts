/**
 * Group commit for a synchronous SQLite driver (bun:sqlite, better-sqlite3):
 * the writes that arrive during one turn of the event loop share one
 * `BEGIN IMMEDIATE … COMMIT`, each in its own SAVEPOINT, so one write's
 * failure (a constraint) undoes only its own statements and answers only its
 * own caller. A caller's promise settles only once the COMMIT holding its
 * write has returned; if that COMMIT fails, every write in the group fails.
 *
 * The whole group runs synchronously, from BEGIN to COMMIT: no other request
 * runs in between, so reads on the same connection never see an uncommitted
 * write, and a statement run outside a group is never swept into one.
 *
 * When it flushes: on the next turn of the event loop after the group's first
 * write (`nextTurn`: setImmediate), so every request the runtime read from
 * its sockets in this turn joins, and a lone write waits for no timer. A
 * group is also flushed at once at `maxSize` writes, which bounds how long the
 * write lock is held and how much one failed COMMIT takes down. Measured
 * (bench/write-path/group-sizes-bun.ts, 16 connections from another process):
 * setImmediate groups 12.4 writes per COMMIT; a microtask flush groups 1 (each
 * request reaches its write in its own task, so it commits alone); a timer
 * (setTimeout 0) groups 15.9 but makes every lone write wait a timer tick
 * (a millisecond on Node) and was slower under load. With `gatherTurns` (at
 * SQLITE_SYNCHRONOUS=full, where each COMMIT pays an fsync) a group waits
 * another turn while the last one brought more writes: a lone write still
 * commits on the next turn.
 */

/** What group commit needs of the driver's client; both drivers' clients have it. */
export interface SyncConnection {
  prepare(sql: string): { run(): unknown };
  /** False once SQLite itself rolled the transaction back (a full disk, an I/O error). */
  readonly inTransaction: boolean;
}

export interface GroupCommitOptions {
  /** Runs `flush` on the next turn of the event loop: setImmediate on Bun and Node. */
  nextTurn: (flush: () => void) => unknown;
  maxSize?: number;
  /**
   * Turns a group may wait beyond the next one, for as long as each brings
   * more writes: worth it where every COMMIT pays an fsync
   * (SQLITE_SYNCHRONOUS=full). 0: the group commits on the next turn.
   */
  gatherTurns?: number;
}

export interface GroupCommit {
  /** Runs `work` in the next group, inside its own savepoint; settles after that group's COMMIT. */
  run<T>(work: () => T): Promise<T>;
  /** Applies the waiting group now: before the connection closes. */
  flush(): void;
}

interface Member {
  work: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export function createGroupCommit(connection: SyncConnection, { nextTurn, maxSize = 64, gatherTurns = 0 }: GroupCommitOptions): GroupCommit {
  const [begin, commit, rollback, savepoint, release, undo] = [
    'BEGIN IMMEDIATE',
    'COMMIT',
    'ROLLBACK',
    'SAVEPOINT member',
    'RELEASE member',
    'ROLLBACK TO member',
  ].map((text) => connection.prepare(text));
  let waiting: Member[] = [];
  let scheduled = false;
  /** Writes that joined since the group last looked, and the turns it has waited for more. */
  let arrived = 0;
  let waited = 0;

  /** Runs each member in its savepoint; returns how each one is to be settled if the COMMIT succeeds. */
  function apply(members: Member[]): (() => void)[] {
    return members.map((member) => {
      savepoint!.run();
      try {
        const value = member.work();
        release!.run();
        return () => member.resolve(value);
      } catch (error) {
        // SQLite rolls the whole transaction back on some errors (a full disk, I/O): nothing of the group is left.
        if (!connection.inTransaction) throw error;
        undo!.run();
        release!.run();
        return () => member.reject(error);
      }
    });
  }

  /** On each turn: commit, unless the last turn brought more writes and the group may wait for another. */
  function onTurn() {
    if (arrived > 0 && waited < gatherTurns) {
      arrived = 0;
      waited++;
      nextTurn(onTurn);
    } else flush();
  }

  function flush() {
    scheduled = false;
    const members = waiting;
    waiting = [];
    if (members.length === 0) return;
    let settle: (() => void)[];
    try {
      begin!.run();
      settle = apply(members);
      commit!.run();
    } catch (error) {
      for (const member of members) member.reject(error);
      // A failed COMMIT (a deferred constraint, an I/O error) leaves the transaction open. Should
      // even ROLLBACK fail, the error escapes: a connection stuck in a transaction must not serve on.
      if (connection.inTransaction) rollback!.run();
      return;
    }
    for (const answer of settle) answer();
  }

  return {
    run<T>(work: () => T) {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (waiting.length >= maxSize) flush();
        else if (scheduled) arrived++;
        else {
          scheduled = true;
          arrived = 0;
          waited = 0;
          nextTurn(onTurn);
        }
      });
    },
    flush,
  };
}
