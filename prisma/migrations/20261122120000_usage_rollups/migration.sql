-- CreateTable
CREATE TABLE "usage_pending" (
    "id" BIGSERIAL NOT NULL,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "modelId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "appId" UUID,
    "channel" "Channel" NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "gatewayMs" DOUBLE PRECISION NOT NULL,
    "upstreamMs" DOUBLE PRECISION NOT NULL,
    "bytesIn" INTEGER NOT NULL,
    "bytesOut" INTEGER NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "valueMicros" BIGINT NOT NULL,

    CONSTRAINT "usage_pending_pkey" PRIMARY KEY ("id")
);

