-- CreateTable
CREATE TABLE "gateway_rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "gateway_rate_limits_pkey" PRIMARY KEY ("key")
);


-- Hand-written: rate-limit counters need not survive a crash or reach a standby (after either, windows simply
-- start again), and a logged table costs a WAL flush per counted call: at 32 connections the gateway served a
-- third of its calls with a logged table (docs/decisions.md, "Rate limits across nodes").
ALTER TABLE "gateway_rate_limits" SET UNLOGGED;
