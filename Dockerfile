# thidua: build with the dev dependencies, then run the compiled service as an unprivileged user.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would compile before the sources are copied; the build below does it.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# DATA_DIR holds the embedded database and its generated secret when DATABASE_URL is not set.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Tokens: docker compose exec thidua node dist/cli/token.js --role admin
# As npm start runs it (package.json): the heap ceiling also keeps V8 from growing the heap to 4x its live data;
# the young generation of 2 x 8 MiB instead of 2 x 16 MiB keeps some 14 MiB less resident (README, Memory).
CMD ["node", "--max-old-space-size=1024", "--max-semi-space-size=8", "dist/server.js"]
