export { databaseTarget, describeTarget, loadDatabaseTarget, loadServerConfig, type ServerConfig } from './config.ts';
export { stopOnSignals, type ProcessLike, type ShutdownOptions } from './lifecycle.ts';
export { describeError } from './errors-text.ts';
export { announceListening } from './log.ts';
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
export { createRedisLimiter, type RedisEval, type RedisLimiterOptions } from './redis-limiter.ts';
