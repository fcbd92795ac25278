# Story Tracker API on Node.js 26 (the version in .node-version). Two stages: the first installs every
# dependency and builds dist/, the second carries only what runs (production node_modules, dist/, the
# reporter page) on the same base image. better-sqlite3 13 brings its native module prebuilt (N-API,
# glibc 2.34+), so no compiler is needed in either stage.

FROM node:26.12.1-trixie-slim AS build
WORKDIR /app
# The lockfile first, so the slow install is cached while only the sources change.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:26.12.1-trixie-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    EVENT_STORE=sqlite
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The reporter page is served from apps/api/web as it is (found by walking up from dist/).
COPY --from=build --chown=node:node /app/apps/api/web ./apps/api/web
# The event store, read models and generated tokens live here; a named volume takes over the
# folder's owner on first use, so the unprivileged user can write to it.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /health, which needs no token.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form, no shell in between: SIGTERM reaches node (directly, or through the init compose adds)
# and the app's shutdown hooks close the SQLite file cleanly (WAL checkpointed) before it exits.
CMD ["node", "dist/apps/api/src/main.js"]
