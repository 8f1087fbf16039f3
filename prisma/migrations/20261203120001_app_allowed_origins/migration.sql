-- AlterTable
ALTER TABLE "apps" ADD COLUMN     "allowedOrigins" TEXT[] DEFAULT ARRAY[]::TEXT[];

