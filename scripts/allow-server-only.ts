// Imported FIRST by scripts/server.ts. Server modules start with `import "server-only"`, a marker that throws
// unless resolved under the "react-server" export condition (which Next's bundler uses for server code).
// The lean invoke listener loads lib/gateway through tsx in the plain Node process, where it would throw.
// Running the whole process with --conditions=react-server is not an option: Next renders pages in that
// same process and must resolve React's client builds. So only the marker is neutralised here, by putting
// an empty module in Node's require cache under the marker's own path (the same thing `vitest.config.ts`
// does with an alias). Next's compiled bundles are unaffected: they resolved the marker at build time.
import { createRequire, Module } from "node:module";
import path from "node:path";

const requireHere = createRequire(path.join(process.cwd(), "package.json"));
const marker = requireHere.resolve("server-only");
const empty = new Module(marker);
empty.filename = marker;
empty.loaded = true;
empty.exports = {};
requireHere.cache[marker] = empty;
