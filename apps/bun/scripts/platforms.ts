// Which executables the build makes, and what each file is called: the names
// the Dockerfile, the tests and SHA256SUMS read.

/** Every platform a release ships for; Bun's `--target` is `bun-<platform>`. */
export const platforms = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'windows-x64'] as const;
export type Platform = (typeof platforms)[number];

/** Each executable: the app on SQLite (PostgreSQL servers too), and the app on PGlite with its WASM embedded. */
export const variants = ['anywhere', 'anywhere-pglite'] as const;
export type Variant = (typeof variants)[number];

/** `anywhere-linux-arm64`, `anywhere-pglite-windows-x64.exe`; without a platform, the host's own `anywhere`. */
export const executableName = (variant: Variant, platform?: Platform) =>
  platform === undefined ? variant : `${variant}-${platform}${platform.startsWith('windows') ? '.exe' : ''}`;

export const isPlatform = (name: string): name is Platform => (platforms as readonly string[]).includes(name);
