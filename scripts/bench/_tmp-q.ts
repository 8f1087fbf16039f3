import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded";
async function main() {
  const s = await startEmbeddedPostgres({ dataDir: path.join("/tmp/search-bench-keep/c", "pg"), port: await freePort(), persistent: true });
  const c = new pg.Client({ connectionString: s.urlFor("bench") }); await c.connect();
  for (const q of process.argv.slice(2)) console.log((await c.query(q)).rows);
  await c.end(); await s.stop();
}
void main();
