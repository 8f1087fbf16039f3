import { inject } from "vitest";

// Server code reads DATABASE_URL through lib/server/env.ts; point it at the run's throwaway database.
process.env.DATABASE_URL = inject("databaseUrl"); // the portal's role, as in production
process.env.TEST_OWNER_DATABASE_URL = inject("ownerDatabaseUrl");
process.env.TEST_ADMIN_DATABASE_URL = inject("adminDatabaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
process.env.MODELPORT_SECRET_KEY ??= "test-secret-key-test-secret-key-test";
// Tests read their own log lines where they check them (lib/gateway/log-secrecy.test.ts); the rest stay quiet.
process.env.LOG_LEVEL ??= "warn";
