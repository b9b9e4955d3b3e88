# The API as a container: the single executable (Bun, the app, its migrations
# and, for PGlite, Postgres's WASM, in one file) on a distroless glibc base,
# run as a non-root user with its data on the /data volume.
#
#   pnpm build:image     builds the Linux executables, then both images:
#                          anywhere:local          SQLite (the default target)
#                          anywhere:local-pglite   PGlite (--target pglite)
#
# The executables come from the build context, built on the host by
# `pnpm build:binaries` (seconds, with the repository's own Bun): the image then
# holds the very files SHA256SUMS lists, `docker build` needs no network and no
# node_modules, and an arm64 image needs no emulation (docker buildx build
# --platform linux/arm64). See docs/deploying.md.

# Any glibc base works; this one is glibc, CA certificates and time zones
# (Bun carries its own TLS). A shell-less base: nothing below RUNs a command.
ARG BASE_IMAGE=gcr.io/distroless/base-nossl-debian12:nonroot
# BuildKit sets TARGETARCH per platform (a default here would override it);
# the classic builder leaves it empty and builds for amd64.
ARG TARGETARCH
ARG ARCH=${TARGETARCH:-amd64}

# The label marks this file's images, so pnpm build:image can remove the stale ones.
FROM scratch AS executables-amd64
LABEL org.opencontainers.image.title=anywhere
COPY apps/bun/dist/anywhere-linux-x64 /app/anywhere
COPY apps/bun/dist/anywhere-pglite-linux-x64 /app/anywhere-pglite

FROM scratch AS executables-arm64
LABEL org.opencontainers.image.title=anywhere
COPY apps/bun/dist/anywhere-linux-arm64 /app/anywhere
COPY apps/bun/dist/anywhere-pglite-linux-arm64 /app/anywhere-pglite

FROM executables-${ARCH} AS executables
# An empty folder, copied below with its owner, so a new volume on /data is the app's to write.
WORKDIR /data

FROM ${BASE_IMAGE} AS base
LABEL org.opencontainers.image.title=anywhere \
      org.opencontainers.image.description="A typed REST API on Bun: SQLite, PGlite or PostgreSQL"
COPY --from=executables --chown=65532:65532 /data /data
USER 65532:65532
WORKDIR /data
# Listen beyond the container; stop before Docker's 10 s SIGKILL (in-flight requests finish first).
ENV HOST=0.0.0.0 PORT=3000 SHUTDOWN_TIMEOUT_MS=8000
EXPOSE 3000
VOLUME /data
# The executable asks its own /health: no curl or shell in the image.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/app/anywhere", "health"]
# Exec form: the server is PID 1 and gets SIGTERM itself.
ENTRYPOINT ["/app/anywhere"]

FROM base AS pglite
COPY --from=executables /app/anywhere-pglite /app/anywhere
ENV DATABASE_URL=pglite:/data/pg

# The default target, last: SQLite, or a PostgreSQL server with DATABASE_URL=postgres://….
FROM base AS sqlite
COPY --from=executables /app/anywhere /app/anywhere
ENV DATABASE_URL=file:/data/anywhere.db
