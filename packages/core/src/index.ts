export { createApp, type App, type AppOptions } from './app.ts';
export type { AppEnv } from './app-env.ts';
export { loadAppConfig, loadServerConfig, type AppConfig, type EnvSource, type ServerConfig } from './config.ts';
export type { AtomicStatement, AtomicStatements, Database, DatabaseAdapter, SqliteDb } from './database.ts';
export type { FieldError, Problem } from './http/problem.ts';
export { stopOnSignals, type ProcessLike, type ShutdownOptions } from './lifecycle.ts';
export { log } from './log.ts';
export type { Post } from './posts/data.ts';
export * as schema from './schema/sqlite.ts';
