-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'mcp';

