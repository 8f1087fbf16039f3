// Consuming applications, their API keys, and the access requests for gated models.
import type { AppDef } from "./types";

export const APPS: AppDef[] = [
  {
    team: "checkout-platform",
    name: "checkout-service",
    description: "Basket and checkout backend: fraud checks, BNPL limits, delivery promises, add-ons.",
    createdBy: "ben.carter@modelport.local",
    keys: [
      // Rotated after the key showed up in a debug log; the new key took over the same day.
      { name: "production", scopes: ["invoke"], createdDaysAgo: 410, revokedDaysAgo: 31 },
      { name: "production-rotated", scopes: ["invoke"], createdDaysAgo: 31 },
      { name: "staging", scopes: ["invoke", "read"], createdDaysAgo: 300, extra: true },
    ],
  },
  {
    team: "checkout-platform",
    name: "storefront-web",
    description: "The Next.js storefront: search, recommendations and login risk checks.",
    createdBy: "consumer@modelport.local",
    keys: [
      { name: "production", scopes: ["invoke"], createdDaysAgo: 260 },
      { name: "local-dev", scopes: ["invoke", "read"], createdDaysAgo: 20, extra: true },
    ],
  },
  {
    team: "mobile-apps",
    name: "mobile-bff",
    description: "Backend-for-frontend of the iOS and Android apps.",
    createdBy: "olivia.grant@modelport.local",
    keys: [{ name: "production", scopes: ["invoke"], createdDaysAgo: 330 }],
  },
  {
    team: "payments-engineering",
    name: "payments-gateway",
    description: "Card authorisation pipeline: fraud scoring and AML monitoring.",
    createdBy: "omar.haddad@modelport.local",
    keys: [{ name: "production", scopes: ["invoke"], createdDaysAgo: 420 }],
  },
  {
    team: "payments-engineering",
    name: "merchant-portal",
    description: "Merchant self-service portal: onboarding, chargeback insights.",
    createdBy: "omar.haddad@modelport.local",
    keys: [
      { name: "production", scopes: ["invoke", "read"], createdDaysAgo: 240 },
      // A time-boxed key for the partner-onboarding pilot; it expired and was not renewed.
      { name: "partner-pilot", scopes: ["invoke"], createdDaysAgo: 110, expiresInDays: -17, extra: true },
    ],
  },
  {
    team: "search-discovery",
    name: "search-api",
    description: "Site search service: query understanding, embeddings, re-ranking, catalogue enrichment.",
    createdBy: "marco.bianchi@modelport.local",
    keys: [{ name: "production", scopes: ["invoke"], createdDaysAgo: 380 }],
  },
  {
    team: "crm-engineering",
    name: "crm-campaigns",
    description: "Campaign orchestration: audience scoring and offer selection.",
    createdBy: "isabel.santos@modelport.local",
    keys: [{ name: "campaign-engine", scopes: ["invoke"], createdDaysAgo: 350 }],
  },
  {
    team: "bi-analytics",
    name: "nightly-scoring",
    description: "Airflow jobs that score customers and forecast demand every night.",
    createdBy: "amara.eze@modelport.local",
    keys: [{ name: "airflow", scopes: ["invoke", "read"], createdDaysAgo: 390, expiresInDays: 200 }],
  },
  {
    team: "logistics-engineering",
    name: "dispatch-planner",
    description: "Plans warehouse dispatch waves and carrier bookings.",
    createdBy: "zoe.adams@modelport.local",
    keys: [{ name: "production", scopes: ["invoke"], createdDaysAgo: 300 }],
  },
  {
    team: "support-tooling",
    name: "support-desk",
    description: "The agents' support desk: triage, sentiment, redaction and summaries.",
    createdBy: "lucas.moreau@modelport.local",
    keys: [{ name: "production", scopes: ["invoke"], createdDaysAgo: 280 }],
  },
  {
    team: "care-ai",
    name: "agent-assist",
    description: "Reply drafting side panel for support agents (RAG over the help centre).",
    createdBy: "mei.chen@modelport.local",
    keys: [{ name: "production", scopes: ["invoke"], createdDaysAgo: 160 }],
  },
  {
    team: "ml-platform",
    name: "model-ci",
    description: "CI/CD pipelines that publish new model versions from training repositories.",
    createdBy: "publisher@modelport.local",
    keys: [{ name: "github-actions", scopes: ["publish", "read"], createdDaysAgo: 200, extra: true }],
  },
];

export type AccessRequestDef = {
  model: string;
  app: string;
  requester: string;
  reason: string;
  daysAgo: number;
  decision?: { status: "approved" | "denied"; by: string; afterDays: number; comment: string };
};

export const ACCESS_REQUESTS: AccessRequestDef[] = [
  {
    model: "fraud-risk/aml-transaction-monitor",
    app: "payments-gateway",
    requester: "omar.haddad@modelport.local",
    reason: "Near-real-time AML screening of merchant payouts.",
    daysAgo: 330,
    decision: {
      status: "approved",
      by: "reviewer@modelport.local",
      afterDays: 2,
      comment: "Approved for payout screening; alerts go to the FinCrime queue only.",
    },
  },
  {
    model: "fraud-risk/merchant-risk-score",
    app: "merchant-portal",
    requester: "omar.haddad@modelport.local",
    reason: "Risk tier during merchant onboarding (KYB).",
    daysAgo: 235,
    decision: {
      status: "approved",
      by: "lena.fischer@modelport.local",
      afterDays: 1,
      comment: "OK — please log the tier with the application id.",
    },
  },
  {
    model: "credit-decisioning/bnpl-credit-limit",
    app: "checkout-service",
    requester: "ben.carter@modelport.local",
    reason: "BNPL limit at checkout for opted-in customers.",
    daysAgo: 400,
    decision: {
      status: "approved",
      by: "aiko.tanaka@modelport.local",
      afterDays: 3,
      comment: "Approved; adverse-action codes must be shown to the customer.",
    },
  },
  {
    model: "care-ai/pii-redaction-ner",
    app: "support-desk",
    requester: "lucas.moreau@modelport.local",
    reason: "Mask personal data in ticket transcripts before storage.",
    daysAgo: 270,
    decision: { status: "approved", by: "mei.chen@modelport.local", afterDays: 1, comment: "Approved." },
  },
  {
    model: "care-ai/pii-redaction-ner",
    app: "agent-assist",
    requester: "jonas.weber@modelport.local",
    reason: "Redact tickets before they are sent to the reply assistant.",
    daysAgo: 150,
    decision: {
      status: "approved",
      by: "grace.liu@modelport.local",
      afterDays: 2,
      comment: "Approved — redaction is mandatory before any LLM call.",
    },
  },
  {
    model: "care-ai/support-assistant",
    app: "agent-assist",
    requester: "jonas.weber@modelport.local",
    reason: "Reply drafts in the agent side panel.",
    daysAgo: 47,
    decision: { status: "approved", by: "reviewer@modelport.local", afterDays: 1, comment: "Approved for agent-reviewed drafts only." },
  },
  {
    model: "credit-decisioning/bnpl-credit-limit",
    app: "crm-campaigns",
    requester: "isabel.santos@modelport.local",
    reason: "Target BNPL promotions at customers with a high limit.",
    daysAgo: 64,
    decision: {
      status: "denied",
      by: "aiko.tanaka@modelport.local",
      afterDays: 2,
      comment: "Marketing pre-selection with credit scores is not permitted (policy MRP-4).",
    },
  },
  {
    model: "fraud-risk/aml-transaction-monitor",
    app: "crm-campaigns",
    requester: "isabel.santos@modelport.local",
    reason: "Exclude risky accounts from referral bonuses.",
    daysAgo: 120,
    decision: {
      status: "denied",
      by: "reviewer@modelport.local",
      afterDays: 4,
      comment: "AML scores may only be used by the financial-crime team. Use the account takeover detector instead.",
    },
  },
  {
    model: "credit-decisioning/bnpl-credit-limit",
    app: "storefront-web",
    requester: "consumer@modelport.local",
    reason: "Show the available BNPL limit on product pages before checkout.",
    daysAgo: 3,
  },
  {
    model: "care-ai/support-assistant",
    app: "mobile-bff",
    requester: "olivia.grant@modelport.local",
    reason: "In-app help chat that drafts answers for customers.",
    daysAgo: 6,
  },
  {
    model: "fraud-risk/aml-transaction-monitor",
    app: "nightly-scoring",
    requester: "amara.eze@modelport.local",
    reason: "Monthly AML alert statistics for the risk committee report.",
    daysAgo: 2,
  },
];
