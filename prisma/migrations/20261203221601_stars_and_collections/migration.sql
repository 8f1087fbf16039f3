-- CreateEnum
CREATE TYPE "CollectionVisibility" AS ENUM ('company', 'private');

-- CreateTable
CREATE TABLE "model_stars" (
    "userId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_stars_pkey" PRIMARY KEY ("userId","modelId")
);

-- CreateTable
CREATE TABLE "collections" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "visibility" "CollectionVisibility" NOT NULL DEFAULT 'private',
    "ownerUserId" UUID,
    "teamId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "collections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collection_items" (
    "collectionId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "addedById" UUID,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collection_items_pkey" PRIMARY KEY ("collectionId","modelId")
);

-- CreateIndex
CREATE INDEX "model_stars_modelId_createdAt_idx" ON "model_stars"("modelId", "createdAt");

-- CreateIndex
CREATE INDEX "collections_ownerUserId_idx" ON "collections"("ownerUserId");

-- CreateIndex
CREATE INDEX "collections_teamId_idx" ON "collections"("teamId");

-- CreateIndex
CREATE INDEX "collections_visibility_updatedAt_idx" ON "collections"("visibility", "updatedAt");

-- CreateIndex
CREATE INDEX "collection_items_modelId_idx" ON "collection_items"("modelId");

-- AddForeignKey
ALTER TABLE "model_stars" ADD CONSTRAINT "model_stars_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_stars" ADD CONSTRAINT "model_stars_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collections" ADD CONSTRAINT "collections_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collections" ADD CONSTRAINT "collections_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collections" ADD CONSTRAINT "collections_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_items" ADD CONSTRAINT "collection_items_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_items" ADD CONSTRAINT "collection_items_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_items" ADD CONSTRAINT "collection_items_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A collection belongs to exactly one owner: a person or a team.
ALTER TABLE "collections" ADD CONSTRAINT "collections_one_owner" CHECK (("ownerUserId" IS NULL) <> ("teamId" IS NULL));
ALTER TABLE "collections" ADD CONSTRAINT "collections_title_length" CHECK (char_length("title") BETWEEN 1 AND 120);
ALTER TABLE "collection_items" ADD CONSTRAINT "collection_items_position_nonnegative" CHECK ("position" >= 0);
