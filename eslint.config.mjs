import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Pages, layouts and route handlers reach the database only through lib/.
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/lib/server/db", message: "Call a function in lib/<domain>/ instead." },
            // Client data: one query hook per file (components/<domain>/use-*.ts), its array query key exported beside it.
            {
              name: "@tanstack/react-query",
              importNames: ["useQuery", "useQueries", "useSuspenseQuery", "useInfiniteQuery"],
              message: "Read client data through a hook of its own in components/<domain>/use-*.ts.",
            },
          ],
          patterns: ["@/lib/generated/prisma/client"],
        },
      ],
    },
  },
  {
    // The browser calls the portal's API only through lib/client/api.ts: session, JSON and the public error shape in one place.
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.ts", "components/**/*.tsx"],
    ignores: ["app/api/**"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Call the API through api.get/post/patch/del (or api.send) from @/lib/client/api." },
      ],
    },
  },
  {
    // Domain code does not know about HTTP: it takes a principal and zod-parsed input, and throws AppError
    // (lib/server/errors). The exceptions answer HTTP by design: the gateway's invoke endpoint, CORS and the
    // answer it builds for both the door and the Next route, and the next-auth adapter.
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: [
      "lib/http/**",
      "lib/server/**",
      "lib/client/**",
      "lib/**/*.test.ts",
      "lib/gateway/invoke-endpoint.ts",
      "lib/gateway/cors.ts",
      "lib/gateway/invoke-model.ts",
      "lib/auth/options.ts",
      "lib/auth/credentials-callback.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/http/*"], message: "Domain code does not import the HTTP layer; throw AppError from @/lib/server/errors." },
          ],
        },
      ],
    },
  },
  {
    // No import cycles anywhere in our code: each module can be read after the ones it imports.
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // lib/ and the gateway door never import app/: route files import lib, and app/api/openapi-document.ts loads
    // the route files for the OpenAPI document (tests may call route handlers directly).
    files: ["lib/**/*.ts", "lib/**/*.tsx", "gateway/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: "./app", message: "lib/ does not import app/." },
            { target: "./gateway", from: "./app", message: "The gateway door does not import app/." },
          ],
        },
      ],
    },
  },
  {
    // The platform floor (env, the one pool and the clients on it, the lookup cache, AppError, jobs, migrations,
    // embedded PostgreSQL, the egress guard) imports no domain, no HTTP and no app code; its tests neither.
    files: ["lib/server/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/(?!lib/server/|lib/generated/|test/)",
              message: "lib/server is the floor: it may import only lib/server, the generated clients (and tests the test set-up).",
            },
            { regex: "^\\.\\./", message: "Import the floor's own files as @/lib/server/…" },
          ],
        },
      ],
    },
  },
];

export default config;
