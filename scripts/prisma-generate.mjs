// Runs `prisma generate` without network access.
// Prisma's CLI tries to download its native schema engine before generating, even though the
// `prisma-client` generator never executes it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file skips the download, which an air-gapped machine cannot reach.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const r = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
