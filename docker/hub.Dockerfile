# syntax=docker/dockerfile:1
# The hub (apps/hub). Build from the repository root:
#   docker build -f docker/hub.Dockerfile -t arbhub-hub .
# Stages: build compiles the TypeScript; deps installs the hub's production
# dependencies only (npm ci --omit=dev --workspace); the final image holds those and
# the compiled JavaScript of the hub and the packages it uses, and the dashboard
# (bundled by apps/hub/dashboard/build.mjs), and runs as `node`.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 (the history's embedded database) compiles where its prebuilt binary cannot be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/browser/package.json packages/browser/
COPY packages/history/package.json packages/history/
COPY packages/matcher/package.json packages/matcher/
COPY packages/odds/package.json packages/odds/
COPY packages/schema/package.json packages/schema/
COPY packages/session/package.json packages/session/
COPY apps/hub/package.json apps/hub/
COPY apps/simbook/package.json apps/simbook/
COPY apps/worker/package.json apps/worker/
COPY apps/alerter/package.json apps/alerter/
RUN npm ci --no-audit --no-fund
COPY packages packages
COPY apps apps
RUN npx tsc -b apps/hub && node apps/hub/dashboard/build.mjs

FROM ${NODE_IMAGE} AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/browser/package.json packages/browser/
COPY packages/history/package.json packages/history/
COPY packages/matcher/package.json packages/matcher/
COPY packages/odds/package.json packages/odds/
COPY packages/schema/package.json packages/schema/
COPY packages/session/package.json packages/session/
COPY apps/hub/package.json apps/hub/
COPY apps/simbook/package.json apps/simbook/
COPY apps/worker/package.json apps/worker/
COPY apps/alerter/package.json apps/alerter/
RUN npm ci --omit=dev --workspace=@arbhub/hub --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HUB_HOST=0.0.0.0 HUB_PORT=8000
WORKDIR /app
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/packages/schema/package.json packages/schema/
COPY --from=build /app/packages/schema/dist packages/schema/dist
COPY --from=build /app/packages/odds/package.json packages/odds/
COPY --from=build /app/packages/odds/dist packages/odds/dist
COPY --from=build /app/packages/matcher/package.json packages/matcher/
COPY --from=build /app/packages/matcher/dist packages/matcher/dist
COPY --from=build /app/packages/session/package.json packages/session/
COPY --from=build /app/packages/session/dist packages/session/dist
COPY --from=build /app/packages/history/package.json packages/history/
COPY --from=build /app/packages/history/dist packages/history/dist
COPY --from=build /app/apps/hub/package.json apps/hub/
COPY --from=build /app/apps/hub/dist apps/hub/dist
COPY --from=build /app/apps/hub/dashboard/dist apps/hub/dashboard/dist
USER node
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HUB_PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/hub/dist/main.js"]
