-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'openai';

