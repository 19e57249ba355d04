# syntax=docker/dockerfile:1
# A worker (apps/worker); SITE picks the book. Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t arbhub-worker .
# The final image is the official Playwright image at the playwright-core version in
# package-lock.json (its Chromium is the revision that version drives; a test keeps the
# two equal), with the worker's production dependencies and compiled JavaScript, run as
# the image's non-root user `pwuser`. Chromium runs only in the short-lived login
# process; give the container shm_size (docker-compose.yml does).
ARG NODE_IMAGE=node:20-bookworm-slim
ARG PLAYWRIGHT_IMAGE=mcr.microsoft.com/playwright:v1.65.1-noble

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
RUN npx tsc -b apps/worker

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
RUN npm ci --omit=dev --workspace=@arbhub/worker --no-audit --no-fund

FROM ${PLAYWRIGHT_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/packages/schema/package.json packages/schema/
COPY --from=build /app/packages/schema/dist packages/schema/dist
COPY --from=build /app/packages/odds/package.json packages/odds/
COPY --from=build /app/packages/odds/dist packages/odds/dist
COPY --from=build /app/packages/session/package.json packages/session/
COPY --from=build /app/packages/session/dist packages/session/dist
COPY --from=build /app/packages/browser/package.json packages/browser/
COPY --from=build /app/packages/browser/dist packages/browser/dist
COPY --from=build /app/apps/worker/package.json apps/worker/
COPY --from=build /app/apps/worker/dist apps/worker/dist
USER pwuser
CMD ["node", "apps/worker/dist/main.js"]
