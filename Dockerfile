# Phasegate's GitHub App (docs/deploy.md). Build: docker build -t phasegate-app .
# Run: docker run -p 3000:3000 -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET phasegate-app
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

FROM node:22-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY --from=build /app/dist/app ./dist/app
COPY app.yml ./
USER node
EXPOSE 3000
CMD ["node", "dist/app/start.js"]
