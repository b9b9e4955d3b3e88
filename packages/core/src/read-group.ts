/**
 * Group read for a synchronous SQLite driver (bun:sqlite, better-sqlite3):
 * the reads that arrive during one turn of the event loop run together on
 * the next turn, inside one read transaction, instead of one each.
 *
 * Why: in WAL mode every read transaction takes and drops a lock on the
 * -shm file, and usually looks at the database file's size: three system
 * calls that cost more than the read itself (measured on Node, reading a
 * post by id: 11–14 µs a read alone, 3.8–4.0 µs sixteen to a transaction).
 *
 * Why no read is staler than before: the transaction begins when the group
 * runs, after every request in it arrived, so each read sees every write
 * committed before its request came in, by this process or any other. (A
 * transaction opened by the turn's first read and shared as it goes would
 * not promise that: a later request of the same turn could arrive after
 * another process committed.) This process's own writes commit in their
 * group (./group-commit.ts), which never runs while a read group does:
 * both run synchronously, from BEGIN to COMMIT, on the same connection.
 *
 * Only work that reads belongs here: a write started inside the group would
 * run in its read transaction.
 */

/** What group read needs of the driver's client; both drivers' clients have it. */
export interface ReadConnection {
  prepare(sql: string): { run(): unknown };
  /** False once SQLite itself ended the transaction (an I/O error). */
  readonly inTransaction: boolean;
}

export interface ReadGroupOptions {
  /** Runs `flush` on the next turn of the event loop: setImmediate on Bun and Node. */
  nextTurn: (flush: () => void) => unknown;
}

// A timer armed beside `nextTurn`, so a group runs within a millisecond even
// if the runtime holds its immediate until the next I/O: a CI run (Bun, under
// the hostile-sockets suite on a loaded machine) once left two GETs unanswered
// for five seconds, which neither a repeat of the suite nor the same requests
// alone reproduced. Whichever comes first runs the group; the other finds it gone.
const backstopMs = 1;

export interface ReadGroup {
  /** Runs `work` with the next group, inside its read transaction; settles with what `work` returns or throws. */
  run<T>(work: () => T): Promise<Awaited<T>>;
  /** Runs the waiting group now: before the connection closes. */
  flush(): void;
}

interface Member {
  work: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export function createReadGroup(connection: ReadConnection, { nextTurn }: ReadGroupOptions): ReadGroup {
  const [begin, end] = ['BEGIN', 'COMMIT'].map((text) => connection.prepare(text));
  let waiting: Member[] = [];
  let scheduled = false;
  let backstop: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    scheduled = false;
    clearTimeout(backstop);
    const members = waiting;
    waiting = [];
    if (members.length === 0) return;
    try {
      begin!.run();
    } catch (error) {
      for (const member of members) member.reject(error);
      return;
    }
    try {
      for (const { work, resolve, reject } of members) {
        try {
          resolve(work());
        } catch (error) {
          reject(error);
        }
      }
    } finally {
      // A read transaction commits nothing: COMMIT only ends it.
      if (connection.inTransaction) end!.run();
    }
  }

  return {
    run<T>(work: () => T) {
      return new Promise<Awaited<T>>((resolve, reject) => {
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          nextTurn(flush);
          backstop = setTimeout(flush, backstopMs);
        }
      });
    },
    flush,
  };
}
