-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'oip';
