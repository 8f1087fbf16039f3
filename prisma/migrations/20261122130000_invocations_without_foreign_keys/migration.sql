-- DropForeignKey
ALTER TABLE "invocations" DROP CONSTRAINT "invocations_modelId_fkey";

-- DropForeignKey
ALTER TABLE "invocations" DROP CONSTRAINT "invocations_versionId_fkey";

-- DropForeignKey
ALTER TABLE "invocations" DROP CONSTRAINT "invocations_appId_fkey";

-- DropForeignKey
ALTER TABLE "invocations" DROP CONSTRAINT "invocations_apiKeyId_fkey";

-- DropForeignKey
ALTER TABLE "invocations" DROP CONSTRAINT "invocations_userId_fkey";

