// The demo company: an online retailer with its own payments arm. Business units are the cost centres
// chargeback reports on; every team sits in one of them.
import type { BusinessUnitDef, TeamDef, UserDef } from "./types";

export const BUSINESS_UNITS: BusinessUnitDef[] = [
  { slug: "digital-commerce", name: "Digital Commerce", costCenter: "CC-1010" },
  { slug: "payments-risk", name: "Payments & Risk", costCenter: "CC-2020" },
  { slug: "marketing-growth", name: "Marketing & Growth", costCenter: "CC-3030" },
  { slug: "supply-chain", name: "Supply Chain & Logistics", costCenter: "CC-4040" },
  { slug: "customer-care", name: "Customer Care", costCenter: "CC-5050" },
  { slug: "data-ai-platform", name: "Data & AI Platform", costCenter: "CC-9010" },
];

export const TEAMS: TeamDef[] = [
  {
    slug: "ml-platform",
    name: "ML Platform",
    businessUnit: "data-ai-platform",
    description: "Runs Modelport, the shared model serving cluster and the LLM gateway; publishes reference models.",
  },
  {
    slug: "bi-analytics",
    name: "BI & Analytics",
    businessUnit: "data-ai-platform",
    description: "Company reporting, nightly scoring jobs and the executive dashboards.",
  },
  {
    slug: "model-governance",
    name: "Model Risk & Governance",
    businessUnit: "data-ai-platform",
    description: "Reviews models before production use and owns the model risk policy.",
  },
  {
    slug: "fraud-risk",
    name: "Fraud & Risk Modelling",
    businessUnit: "payments-risk",
    description: "Transaction fraud, account takeover and anti-money-laundering models.",
  },
  {
    slug: "credit-decisioning",
    name: "Credit Decisioning",
    businessUnit: "payments-risk",
    description: "Buy-now-pay-later credit limits and affordability scoring.",
  },
  {
    slug: "payments-engineering",
    name: "Payments Engineering",
    businessUnit: "payments-risk",
    description: "The payments gateway and the merchant portal.",
  },
  {
    slug: "search-discovery",
    name: "Search & Discovery",
    businessUnit: "digital-commerce",
    description: "Site search, query understanding and product catalogue enrichment.",
  },
  {
    slug: "personalization",
    name: "Personalization",
    businessUnit: "digital-commerce",
    description: "Recommendations, ranking and next-best-offer.",
  },
  {
    slug: "checkout-platform",
    name: "Checkout Platform",
    businessUnit: "digital-commerce",
    description: "Basket, checkout and the storefront web application.",
  },
  {
    slug: "mobile-apps",
    name: "Mobile Apps",
    businessUnit: "digital-commerce",
    description: "iOS and Android apps and their backend-for-frontend.",
  },
  {
    slug: "marketing-science",
    name: "Marketing Science",
    businessUnit: "marketing-growth",
    description: "Churn, lifetime value, uplift and campaign response models.",
  },
  {
    slug: "crm-engineering",
    name: "CRM Engineering",
    businessUnit: "marketing-growth",
    description: "Campaign orchestration and the customer data platform.",
  },
  {
    slug: "demand-planning",
    name: "Demand Planning",
    businessUnit: "supply-chain",
    description: "Demand forecasts and replenishment for 40 warehouses.",
  },
  {
    slug: "logistics-engineering",
    name: "Logistics Engineering",
    businessUnit: "supply-chain",
    description: "Dispatch planning, carrier selection and delivery promises.",
  },
  {
    slug: "care-ai",
    name: "Customer Care AI",
    businessUnit: "customer-care",
    description: "Ticket triage, sentiment and the support assistant.",
  },
  {
    slug: "support-tooling",
    name: "Support Tooling",
    businessUnit: "customer-care",
    description: "The support desk application used by 600 agents.",
  },
];

export const USERS: UserDef[] = [
  // The five demo accounts (password "modelport"), listed on the sign-in page in demo mode.
  { email: "consumer@modelport.local", name: "Chloé Martin", role: "consumer", teams: [["checkout-platform", "member"]] },
  {
    email: "publisher@modelport.local",
    name: "Priya Raman",
    role: "publisher",
    teams: [
      ["ml-platform", "maintainer"],
      ["care-ai", "member"],
    ],
  },
  { email: "reviewer@modelport.local", name: "Rafael Ortega", role: "reviewer", teams: [["model-governance", "maintainer"]] },
  { email: "executive@modelport.local", name: "Evelyn Brooks", role: "executive", teams: [] },
  { email: "admin@modelport.local", name: "Adam Kowalski", role: "admin", teams: [["ml-platform", "maintainer"]] },
  // Data scientists.
  { email: "tomasz.nowak@modelport.local", name: "Tomasz Nowak", role: "publisher", teams: [["ml-platform", "member"]] },
  { email: "lena.fischer@modelport.local", name: "Lena Fischer", role: "publisher", teams: [["fraud-risk", "maintainer"]] },
  { email: "kwame.mensah@modelport.local", name: "Kwame Mensah", role: "publisher", teams: [["fraud-risk", "member"]] },
  {
    email: "aiko.tanaka@modelport.local",
    name: "Aiko Tanaka",
    role: "publisher",
    teams: [
      ["credit-decisioning", "maintainer"],
      ["fraud-risk", "member"],
    ],
  },
  { email: "marco.bianchi@modelport.local", name: "Marco Bianchi", role: "publisher", teams: [["search-discovery", "maintainer"]] },
  { email: "fatima.zahra@modelport.local", name: "Fatima Zahra", role: "publisher", teams: [["search-discovery", "member"]] },
  { email: "sofia.lindqvist@modelport.local", name: "Sofia Lindqvist", role: "publisher", teams: [["personalization", "maintainer"]] },
  { email: "diego.alvarez@modelport.local", name: "Diego Alvarez", role: "publisher", teams: [["marketing-science", "maintainer"]] },
  { email: "hannah.okafor@modelport.local", name: "Hannah Okafor", role: "publisher", teams: [["demand-planning", "maintainer"]] },
  {
    email: "ravi.shankar@modelport.local",
    name: "Ravi Shankar",
    role: "publisher",
    teams: [
      ["logistics-engineering", "maintainer"],
      ["demand-planning", "member"],
    ],
  },
  { email: "mei.chen@modelport.local", name: "Mei Chen", role: "publisher", teams: [["care-ai", "maintainer"]] },
  {
    email: "jonas.weber@modelport.local",
    name: "Jonas Weber",
    role: "publisher",
    teams: [
      ["care-ai", "member"],
      ["personalization", "member"],
    ],
  },
  // Application developers.
  { email: "ben.carter@modelport.local", name: "Ben Carter", role: "consumer", teams: [["checkout-platform", "maintainer"]] },
  { email: "ethan.park@modelport.local", name: "Ethan Park", role: "consumer", teams: [["checkout-platform", "member"]], disabled: true },
  { email: "olivia.grant@modelport.local", name: "Olivia Grant", role: "consumer", teams: [["mobile-apps", "maintainer"]] },
  { email: "noah.kim@modelport.local", name: "Noah Kim", role: "consumer", teams: [["mobile-apps", "member"]] },
  { email: "isabel.santos@modelport.local", name: "Isabel Santos", role: "consumer", teams: [["crm-engineering", "maintainer"]] },
  { email: "lucas.moreau@modelport.local", name: "Lucas Moreau", role: "consumer", teams: [["support-tooling", "maintainer"]] },
  { email: "amara.eze@modelport.local", name: "Amara Eze", role: "consumer", teams: [["bi-analytics", "maintainer"]] },
  { email: "samuel.johansson@modelport.local", name: "Samuel Johansson", role: "consumer", teams: [["bi-analytics", "member"]] },
  { email: "zoe.adams@modelport.local", name: "Zoe Adams", role: "consumer", teams: [["logistics-engineering", "member"]] },
  { email: "omar.haddad@modelport.local", name: "Omar Haddad", role: "consumer", teams: [["payments-engineering", "maintainer"]] },
  // Reviewers, executives, administrators.
  { email: "grace.liu@modelport.local", name: "Grace Liu", role: "reviewer", teams: [["model-governance", "member"]] },
  { email: "henrik.larsen@modelport.local", name: "Henrik Larsen", role: "reviewer", teams: [["model-governance", "member"]] },
  { email: "victor.hale@modelport.local", name: "Victor Hale", role: "executive", teams: [] },
  { email: "nadia.petrova@modelport.local", name: "Nadia Petrova", role: "executive", teams: [] },
  { email: "ingrid.svensson@modelport.local", name: "Ingrid Svensson", role: "admin", teams: [["ml-platform", "member"]] },
];

export const teamEmail = (slug: string) => `${slug}@modelport.local`;
