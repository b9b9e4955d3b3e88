export { createApp, type App, type AppOptions, type RouteTable } from './app.ts';
export type { Caller } from './auth/caller.ts';
export {
  databaseTarget,
  describeTarget,
  loadAppConfig,
  loadDatabaseTarget,
  loadServerConfig,
  type AppConfig,
  type DatabaseTarget,
  type EnvSource,
  type LogLevel,
  type ServerConfig,
  type Synchronous,
} from './config.ts';
export type { AtomicStatement, AtomicStatements, Database, DatabaseAdapter, Db, RequestHeaders, Schema } from './database.ts';
export { bookmarkHeader, bookmarkPattern } from './http/bookmark.ts';
export { ApiError, type FieldError, type Problem } from './http/problem.ts';
export { incomingOf, type Incoming, type PeerAddress } from './http/incoming.ts';
export type { CompiledRoute } from './http/pass.ts';
export type { ResponseMaker } from './http/respond.ts';
export { operations, type OperationKey } from './operations.ts';
export { stopOnSignals, type ProcessLike, type ShutdownOptions } from './lifecycle.ts';
export { describeError } from './errors-text.ts';
export { announceListening, createLogger, log, type LogSink, type Logger, type LoggerOptions } from './log.ts';
export { reportListening, serverLogger, type OutputProcess } from './server-process.ts';
export {
  listeningUrlOf,
  restartBudget,
  supervise,
  workerEnv,
  workerOf,
  type SuperviseOptions,
  type WorkerEvents,
  type WorkerIdentity,
  type WorkerProcess,
} from './supervisor.ts';
export { parseCommandLine, usage, watchParent, withCommandLine, type CommandLine } from './command-line.ts';
export * as schema from './schema/sqlite.ts';
export { isUniqueViolation } from './database-errors.ts';
