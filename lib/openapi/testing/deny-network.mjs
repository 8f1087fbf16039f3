// Preloaded (node --import) into a tool under test: any attempt to open a network connection or resolve a
// name is refused and reported on stderr, so a test can prove the tool never phones home.
import dns from "node:dns";
import net from "node:net";
import { syncBuiltinESMExports } from "node:module";

function refuse(what) {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  throw new Error(`network access refused in this test (${what})`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
  if (options.path) return connect.apply(this, args); // local (Unix) sockets are not the network
  refuse(`connect ${options.host ?? ""}:${options.port ?? ""}`);
};
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
syncBuiltinESMExports();
