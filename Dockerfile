# syntax=docker/dockerfile:1
# The images of our two services, from one file. Build context: the repository root; the build
# argument APP (required) picks the image:
#   APP=api     the NestJS API and the built console it serves (CONSOLE_DIST=/app/apps/console/dist)
#   APP=worker  the Temporal worker (partnership workflows and their activities); stateless, run as
#               many replicas as the load needs
# docker compose passes it (`build: { context: ., dockerfile: Dockerfile, args: { APP: api } }`);
# by hand: `docker build --build-arg APP=worker -t partnership-worker .`
#
# Two optional build secrets reach the registry from a network that needs them (README, "Container
# images"): `npmrc` (an .npmrc: registry, token, proxy) and `npm-ca` (a CA bundle, for a registry
# behind a TLS-inspecting proxy; the npmrc then says `cafile=/run/secrets/npm-ca`). Without them npm
# uses the public registry. npm's cache is a cache mount: kept between builds, never in an image.
ARG NODE_IMAGE=node:20-bookworm-slim
ARG APP

# ---- Stage 1: install every workspace's dependencies and build the whole monorepo ----
# It does not read APP, so both images share its layers (and its cache).
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Manifests first, so the `npm ci` layer is reused until a dependency changes.
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/console/package.json apps/console/
COPY libs/config/package.json libs/config/
COPY libs/observability/package.json libs/observability/
COPY libs/domain/package.json libs/domain/
COPY libs/persistence/package.json libs/persistence/
COPY libs/devstack/package.json libs/devstack/
COPY workflows/package.json workflows/
COPY test/package.json test/
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=secret,id=npm-ca \
    npm ci --no-audit --no-fund

COPY . .
# tsc -b (every TypeScript project), then the console bundle (vite) into apps/console/dist.
RUN node scripts/build.mjs

# ---- Stage 2: APP's production dependencies only ----
# Installed again for APP's workspace alone, from npm's cache when it still holds them: the console's
# libraries (bundled into its dist), the dev stack's and the tests' are left out.
FROM build AS deps
ARG APP
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=secret,id=npm-ca \
    npm ci --prefer-offline --omit=dev --workspace "apps/${APP}" --no-audit --no-fund

# ---- Stage 3: the runtime ----
FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production
WORKDIR /app

# The root manifest and node_modules (its @pe/* entries are links into the workspace folders below),
# the libraries, the workflows (the worker bundles the workflow code from workflows/dist when it
# starts, in memory; the API uses their contract) and the app.
COPY --from=deps /app/package.json /app/package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/libs ./libs
COPY --from=deps /app/workflows ./workflows
COPY --from=deps /app/apps/${APP} ./apps/${APP}

# ---- Stage 4: what only one app needs (BuildKit builds just the stage APP selects) ----
FROM runtime AS app-api
COPY --from=build /app/apps/console/package.json ./apps/console/package.json
COPY --from=build /app/apps/console/dist ./apps/console/dist
EXPOSE 3000

FROM runtime AS app-worker

# ---- The image: APP's stage ----
FROM app-${APP}
ARG APP
ENV APP=${APP}
USER node
# A shell expands APP at start-up; `exec` then replaces the shell with node, so node gets the
# stop signal itself (compose's `init: true` forwards it to its one child) and shuts down cleanly.
CMD ["/bin/sh", "-c", "exec node \"apps/${APP}/dist/main.js\""]
