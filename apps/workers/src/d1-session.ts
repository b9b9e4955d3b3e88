/** What may be done around a D1 session's statements: check them, count them, translate their errors. */
export interface SessionWatch {
  prepared?(query: string): void;
  bound?(values: unknown[]): void;
  /** `statements` are about to run: one, or a whole batch. */
  running?(statements: number): void;
  /** Whatever a run threw; returns what to throw instead. */
  failed?(error: unknown): unknown;
}

/**
 * A D1 session whose statements pass through `watch`. batch() needs D1's own
 * statement objects: each watched statement remembers the one it stands for.
 */
export function watchSession(session: D1DatabaseSession, watch: SessionWatch): D1DatabaseSession {
  const own = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
  const run = async <T>(statements: number, result: () => Promise<T>): Promise<T> => {
    watch.running?.(statements);
    try {
      return await result();
    } catch (error) {
      throw watch.failed ? watch.failed(error) : error;
    }
  };
  const watched = (statement: D1PreparedStatement): D1PreparedStatement => {
    const wrapper = {
      bind: (...values: unknown[]) => {
        watch.bound?.(values);
        return watched(statement.bind(...values));
      },
      first: (column?: string) => run(1, () => (column === undefined ? statement.first() : statement.first(column))),
      run: () => run(1, () => statement.run()),
      all: () => run(1, () => statement.all()),
      raw: (options?: { columnNames?: false }) => run(1, () => statement.raw(options)),
    } as D1PreparedStatement;
    own.set(wrapper, statement);
    return wrapper;
  };
  return {
    prepare(query) {
      watch.prepared?.(query);
      return watched(session.prepare(query));
    },
    batch: (statements) => run(statements.length, () => session.batch(statements.map((statement) => own.get(statement) ?? statement))),
    getBookmark: () => session.getBookmark(),
  };
}
