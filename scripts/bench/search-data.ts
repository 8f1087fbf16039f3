// Generates the search benchmark's catalog inside Postgres (generate_series): teams, `count` models with
// names, summaries, tags, tasks and ~70-word cards (about the model's own domain and kind plus common
// filler words, mentioning one other domain and kind) drawn from skewed, varied vocabularies — no word
// occurs in every card or summary, 1-3 versions each,
// and usage for a fifth of them. Bulk-loading turns the per-row catalog triggers off and fills the same
// columns with one set-based statement each (same result, minutes faster).
import type pg from "pg";

export const DOMAIN_WORDS = [
  "iris",
  "flower",
  "sentiment",
  "fraud",
  "churn",
  "credit",
  "risk",
  "image",
  "speech",
  "translation",
  "forecast",
  "demand",
  "price",
  "anomaly",
  "detection",
  "recommendation",
  "ranking",
  "toxicity",
  "spam",
  "invoice",
  "document",
  "receipt",
  "face",
  "object",
  "segmentation",
  "retail",
  "insurance",
  "claims",
  "weather",
  "energy",
  "traffic",
  "medical",
  "radiology",
  "tumor",
  "genomics",
  "protein",
  "language",
  "summarization",
  "question",
  "answering",
  "embedding",
  "search",
  "customer",
  "support",
  "ticket",
  "routing",
  "email",
  "intent",
  "entity",
  "keyword",
  "vehicle",
  "satellite",
  "crop",
  "yield",
  "inventory",
  "logistics",
  "payment",
  "transaction",
  "loan",
  "mortgage",
  "pricing",
  "marketing",
  "audience",
  "lookalike",
  "attrition",
  "employee",
  "resume",
  "contract",
  "clause",
  "legal",
  "compliance",
  "sanctions",
  "chatbot",
  "voice",
  "transcription",
  "emotion",
  "handwriting",
  "signature",
];
export const KINDS = ["classifier", "regressor", "detector", "model", "scorer", "ranker", "tagger", "encoder", "generator", "predictor"];
export const TASKS = [
  "text-classification",
  "tabular-classification",
  "regression",
  "object-detection",
  "image-classification",
  "translation",
  "summarization",
  "question-answering",
  "embeddings",
  "forecasting",
  "anomaly-detection",
  "recommendation",
  "speech-recognition",
  "token-classification",
  "text-generation",
];
export const FRAMEWORKS = ["onnx", "pytorch", "tensorflow", "sklearn", "xgboost", "lightgbm", "huggingface", "spark"];
export const LICENSES = ["MIT", "Apache-2.0", "proprietary", "BSD-3-Clause", "CC-BY-4.0"];
const FILLER = [
  "trained",
  "dataset",
  "accuracy",
  "validation",
  "precision",
  "recall",
  "latency",
  "features",
  "input",
  "output",
  "batch",
  "production",
  "monitoring",
  "drift",
  "baseline",
  "evaluation",
  "holdout",
  "labels",
  "quarterly",
  "retrained",
  "pipeline",
  "threshold",
  "calibrated",
  "explainability",
  "fairness",
  "bias",
  "limitations",
  "intended",
  "use",
  "owner",
  "contact",
  "europe",
  "america",
  "asia",
  "mobile",
  "web",
  "batch",
  "realtime",
  "gradient",
  "boosted",
  "trees",
  "transformer",
  "convolutional",
  "network",
  "linear",
  "logistic",
  "ensemble",
  "historical",
  "records",
  "customers",
  "orders",
  "sessions",
  "clicks",
  "images",
  "documents",
  "sensors",
  "readings",
  "hourly",
  "daily",
];

export async function generateCatalog(client: pg.Client, count: number, log: (s: string) => void): Promise<void> {
  await client.query(`SELECT setseed(0.42)`);
  await client.query(`
    INSERT INTO business_units (id, slug, name, "costCenter")
    SELECT gen_random_uuid(), 'bu-' || i, 'Business unit ' || i, 'CC-' || i FROM generate_series(1, 8) i`);
  await client.query(`
    INSERT INTO teams (id, slug, name, "businessUnitId")
    SELECT gen_random_uuid(), 'team-' || i, 'Team ' || i, (SELECT id FROM business_units ORDER BY slug OFFSET (i % 8) LIMIT 1)
      FROM generate_series(1, 40) i`);

  log("models");
  await client.query(`ALTER TABLE models DISABLE TRIGGER models_search_terms`);
  // random()^2 skews picks toward the start of each list, as real catalogs have common and rare words.
  await client.query(
    `WITH t AS (SELECT array_agg(id ORDER BY slug) AS ids FROM teams)
     INSERT INTO models (id, "teamId", name, slug, "displayName", summary, card, task, framework, tags, license, visibility, "updatedAt")
     SELECT gen_random_uuid(), t.ids[1 + (i % 40)], g.name, 'team-' || (1 + (i % 40)) || '/' || g.name, initcap(replace(g.name, '-', ' ')),
            (ARRAY['Predicts','Scores','Estimates','Detects','Flags','Ranks','Classifies','Extracts'])[1 + floor(random() * 8)::int] || ' ' || g.w2 || ' ' || g.w1
              || ' for ' || ($1::text[])[1 + floor(random() ^ 1.3 * $3)::int] || ' ' || (ARRAY['teams','analysts','operations','apps','workflows'])[1 + floor(random() * 5)::int] || '.',
            '# ' || g.name || E'\\n\\n' || c.card,
            ($4::text[])[1 + floor(random() * ${TASKS.length})::int],
            ($5::text[])[1 + floor(random() ^ 1.5 * ${FRAMEWORKS.length})::int],
            ARRAY[g.w1, ($1::text[])[1 + floor(random() * $3)::int]],
            CASE WHEN i % 11 = 0 THEN NULL ELSE ($6::text[])[1 + floor(random() * ${LICENSES.length})::int] END,
            CASE WHEN i % 5 = 0 THEN 'gated'::"Visibility" ELSE 'public'::"Visibility" END,
            now() - (random() * interval '400 days')
       FROM t, generate_series(1, $9::int) i
       CROSS JOIN LATERAL (
         SELECT ($1::text[])[1 + floor(random() ^ 1.3 * $3)::int] AS w1, ($1::text[])[1 + floor(random() ^ 1.3 * $3)::int] AS w2,
                ($7::text[])[1 + floor(random() * ${KINDS.length})::int] AS kind, i AS n) r
       CROSS JOIN LATERAL (SELECT r.w1 || '-' || r.w2 || '-' || r.kind || '-' || r.n AS name, r.w1, r.w2, r.kind) g
       CROSS JOIN LATERAL (
         SELECT 'This ' || g.w1 || ' ' || g.w2 || ' ' || g.kind || ' ' || string_agg(($2::text[])[1 + floor(random() ^ 1.5 * $8)::int], ' ')
                || '. Often used together with the ' || ($1::text[])[1 + floor(random() * $3)::int] || ' '
                || ($7::text[])[1 + floor(random() * ${KINDS.length})::int] || '.' AS card
           FROM generate_series(1, 60 + (i % 20)) k) c`,
    [DOMAIN_WORDS, FILLER, DOMAIN_WORDS.length, TASKS, FRAMEWORKS, LICENSES, KINDS, FILLER.length, count],
  );
  await client.query(`ALTER TABLE models ENABLE TRIGGER models_search_terms`);
  await client.query(`
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM models, regexp_split_to_table(lower(name || ' ' || summary || ' ' || array_to_string(tags, ' ') || ' ' || task || ' ' || framework || ' ' || card), '[^a-z0-9]+') w
     WHERE length(w) BETWEEN 3 AND 40 AND w ~ '^[a-z]' ON CONFLICT DO NOTHING`);

  log("versions");
  await client.query(`ALTER TABLE model_versions DISABLE TRIGGER model_versions_catalog`);
  // Per model: 1-3 versions; most end approved, some only pending review, a few drafts/retired/rejected.
  await client.query(`
    INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "costModel", changelog, "updatedAt")
    SELECT gen_random_uuid(), m.id, '1.' || v || '.0', 1, v, 0,
           (CASE WHEN v < m.n - 1 THEN 'deprecated' ELSE (ARRAY['approved','approved','approved','approved','approved','approved','pending_review','draft','retired','rejected'])[1 + floor(random() * 10)::int] END)::"VersionStatus",
           (ARRAY['onnx','onnx','http','openai'])[1 + floor(random() * 4)::int]::"Runtime",
           '{"kind":"per_call","microsPerCall":200}', 'Release ' || v, now()
      FROM (SELECT id, 1 + floor(random() * 3)::int AS n FROM models) m, generate_series(0, m.n - 1) v`);
  await client.query(`ALTER TABLE model_versions ENABLE TRIGGER model_versions_catalog`);
  await client.query(`
    UPDATE models m SET "catalogStatuses" = s.statuses, "catalogRuntimes" = s.runtimes
      FROM (SELECT "modelId", array_agg(DISTINCT status ORDER BY status) AS statuses,
                   coalesce(array_agg(DISTINCT runtime ORDER BY runtime) FILTER (WHERE status NOT IN ('retired','rejected')), ARRAY[]::"Runtime"[]) AS runtimes
              FROM model_versions GROUP BY "modelId") s
     WHERE s."modelId" = m.id`);

  log("usage");
  await client.query(`
    INSERT INTO usage_hourly (bucket, "modelId", "versionId", "appId", channel, calls)
    SELECT date_trunc('hour', now()) - (h * interval '1 day'), v."modelId", v.id, NULL, 'api', floor(random() ^ 3 * 5000)::bigint
      FROM (SELECT DISTINCT ON ("modelId") id, "modelId" FROM model_versions WHERE status = 'approved' ORDER BY "modelId", version) v,
           generate_series(0, 3) h
     WHERE random() < 0.2`);
  await client.query(`REFRESH MATERIALIZED VIEW model_usage_30d`);
  await client.query(`VACUUM ANALYZE`);
}
