import { z } from "zod";
import { catalogItemSchema } from "@/lib/catalog/schemas";

// The public contract of stars and collections. Types are inferred.

export const COLLECTION_VISIBILITIES = ["company", "private"] as const;

export const collectionIdParams = z.object({ id: z.uuid() });

const modelRef = z
  .string()
  .trim()
  .regex(/^[^/\s]{1,100}\/[^/\s]{1,200}$/, "Expected owner/name")
  .describe("The model as owner/name");

export const createCollectionBody = z.object({
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2_000).default(""),
  visibility: z.enum(COLLECTION_VISIBILITIES).default("private").describe("company: everyone signed in; private: the owner only"),
  team: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("Team slug: a team-owned collection (one of your teams); personal when absent"),
});

export const updateCollectionBody = z
  .object({
    title: z.string().trim().min(1).max(120).optional(),
    description: z.string().trim().max(2_000).optional(),
    visibility: z.enum(COLLECTION_VISIBILITIES).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Send at least one of title, description, visibility");

export const addItemBody = z.object({
  model: modelRef,
  note: z.string().trim().max(1_000).default(""),
});

export const removeItemQuery = z.object({ model: modelRef });

export const reorderItemsBody = z.object({
  models: z.array(modelRef).min(1).max(500).describe("Every model of the collection you can see, as owner/name, in the new order"),
});

export const listCollectionsQuery = z.object({
  model: z.preprocess((v) => (v === "" ? undefined : v), modelRef.optional()).describe("Only collections holding this model"),
  mine: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).optional()).describe("Only the ones you may edit"),
});

export const collectionOwnerSchema = z.object({
  kind: z.enum(["user", "team"]),
  name: z.string(),
  slug: z.string().nullable().describe("Team slug; null for a person"),
});

export const collectionSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  visibility: z.enum(COLLECTION_VISIBILITIES),
  owner: collectionOwnerSchema,
  itemCount: z.number().describe("Models in it that you may see"),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const collectionItemSchema = z.object({
  position: z.number(),
  note: z.string(),
  addedAt: z.string(),
  model: catalogItemSchema,
});

export const collectionSchema = collectionSummarySchema.extend({ items: z.array(collectionItemSchema) });
export const collectionListSchema = z.object({ items: z.array(collectionSummarySchema) });
export const starStateSchema = z.object({ model: z.string(), starred: z.boolean(), stars: z.number() });

export type CreateCollectionBody = z.infer<typeof createCollectionBody>;
export type UpdateCollectionBody = z.infer<typeof updateCollectionBody>;
export type CollectionSummary = z.infer<typeof collectionSummarySchema>;
export type CollectionView = z.infer<typeof collectionSchema>;
export type StarState = z.infer<typeof starStateSchema>;
