# syntax=docker/dockerfile:1
# The sportsbook simulator (apps/simbook), for demos and tests. Build from the
# repository root:
#   docker build -f docker/simbook.Dockerfile -t arbhub-simbook .
# Stages as in hub.Dockerfile: build, production dependencies, a small final image
# that runs as `node`.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
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
RUN npx tsc -b apps/simbook

FROM ${NODE_IMAGE} AS deps
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
RUN npm ci --omit=dev --workspace=@arbhub/simbook --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production SIMBOOK_HOST=0.0.0.0 SIMBOOK_PORT=7001
WORKDIR /app
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/packages/schema/package.json packages/schema/
COPY --from=build /app/packages/schema/dist packages/schema/dist
COPY --from=build /app/packages/odds/package.json packages/odds/
COPY --from=build /app/packages/odds/dist packages/odds/dist
COPY --from=build /app/apps/simbook/package.json apps/simbook/
COPY --from=build /app/apps/simbook/dist apps/simbook/dist
USER node
EXPOSE 7001
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SIMBOOK_PORT || 7001) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/simbook/dist/main.js"]
