# Rapport: one image for the server, `npm run migrate` and `npm run job`.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY migrations ./migrations
COPY src ./src
USER node
EXPOSE 3000
# node directly (not npm) so SIGTERM reaches the app and it shuts down gracefully.
CMD ["node", "--import", "tsx", "src/main.ts"]
