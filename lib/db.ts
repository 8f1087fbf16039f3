export { db } from "@/lib/server/db";
