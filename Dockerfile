# syntax=docker/dockerfile:1
# Multi-stage: compile with dev dependencies, ship production dependencies and dist/ only.

# Node 24 LTS, the supported runtime (package.json engines, .nvmrc).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional: the image has its own Node; the Node binaries in optionalDependencies are for
# clones on machines with an older one.
RUN npm ci --no-audit --no-fund --omit=optional
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# src/ only: the fake CRMs (fake-crms/) are for the demo, the tests and the benchmark, never the image.
RUN npm run build:production && npm prune --omit=dev --omit=optional

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Read at run time: the JSON Schemas.
COPY schemas ./schemas
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node as PID 1 receives SIGTERM directly: /ready turns 503 for SHUTDOWN_DELAY_MS (default 5 s
# here, NODE_ENV=production) while still serving, then in-flight pages get SHUTDOWN_GRACE_MS
# (20 s), then it exits 0. BRIDGE_TOKEN (or BRIDGE_AUTH_EXTERNAL=true) is required to start.
# A larger young generation: each page's CRM answer and contacts outlive a default-sized one and
# get promoted; measured with `npm run bench` (docs/performance.md). Workers inherit it.
CMD ["node", "--max-semi-space-size=64", "dist/src/server.js"]
