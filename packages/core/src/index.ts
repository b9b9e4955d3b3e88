export { createApp, type App, type AppOptions } from './app.ts';
export type { AppEnv } from './app-env.ts';
export type { Caller } from './auth/caller.ts';
export { loadAppConfig, loadServerConfig, type AppConfig, type EnvSource, type LogLevel, type ServerConfig } from './config.ts';
export type { AtomicStatement, AtomicStatements, Database, DatabaseAdapter, SqliteDb } from './database.ts';
export type { FieldError, Problem } from './http/problem.ts';
export { stopOnSignals, type ProcessLike, type ShutdownOptions } from './lifecycle.ts';
export { createLogger, log, type Logger } from './log.ts';
export * as schema from './schema/sqlite.ts';
