-- CreateTable
CREATE TABLE "user_sessions" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,

    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_throttle" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "auth_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "user_sessions_userId_idx" ON "user_sessions"("userId");

-- AddForeignKey
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A key acts for the person who created it (its scopes ∩ that person's current role, lib/auth/permissions.ts),
-- and the gateway caches resolved keys with that person's role, status and teams (lib/gateway/hot-cache.ts).
-- A role change, disabling, or a membership change must reach every node's key cache at once, as key
-- changes do. users: only the columns the key lookup reads, so sign-ins (lastLoginAt) do not flush it.
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify_update AFTER UPDATE OF role, disabled, email ON users
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_members
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
-- api_keys: the key's creator is now part of what the lookup reads.
DROP TRIGGER modelport_cache_notify_update ON api_keys;
CREATE TRIGGER modelport_cache_notify_update AFTER UPDATE OF "appId", prefix, hash, scopes, "modelAllowlist", "expiresAt", "revokedAt", "createdById" ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
