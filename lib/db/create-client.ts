export { createPrismaClient, type Db } from "@/lib/server/db";
