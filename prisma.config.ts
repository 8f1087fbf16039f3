import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate` here (see scripts/prisma-generate.mjs); migrations are
// applied by lib/server/migrate.ts. DATABASE_URL is read lazily so generate works without a database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/modelport" },
});
