# The FAQ bot as a container image: built with dev dependencies, run with production ones.
#
#   docker build -t faq-3dsecure-bot .                      # Node 24; --build-arg NODE_VERSION=22 for 22
#   docker run --rm -p 3978:3978 --env-file .env faq-3dsecure-bot
#
# Settings come only from the environment (docker run -e / --env-file, App Service settings):
# .dockerignore keeps .env out of the image. Analytics go to /app/logs (mount a volume there to
# keep them). scripts/build-without-docker.js performs these same steps on a plain directory,
# for machines without a container engine; tests/deploy/ runs it. See docs/deploying.md.

ARG NODE_VERSION=24

# Build: TypeScript, the trained model and the Web Chat bundle into dist/ (npm ci runs the
# prepare script, which builds), with every dev dependency.
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund && mkdir -p logs

# Run: the built tree, production dependencies only, as the unprivileged user `node`.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY data ./data
COPY intents ./intents
COPY src/channels/webchat/public ./src/channels/webchat/public
COPY --from=build /app/dist ./dist
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund && node scripts/prune-node-modules.js
COPY --from=build --chown=node:node /app/logs ./logs
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/src/cli/healthcheck.js"]
# Exec form: Node is PID 1 and receives SIGTERM itself (it closes the server and exits 0).
CMD ["node", "dist/src/index.js"]
