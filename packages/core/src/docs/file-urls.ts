import type { DocsFile } from './files.ts';

/**
 * Where one of swagger-ui-dist's files is on disk, resolved from core (which
 * depends on it), for hosts that read files. Kept out of the main entry so a
 * Worker bundle never sees `import.meta.resolve`; a function, so a single
 * executable (which embeds the files instead) never calls it.
 */
export const docsFileUrl = (name: DocsFile) => new URL(import.meta.resolve(`swagger-ui-dist/${name}`));
