// CSRF (issue 13): a state-changing call that rides on the session cookie must come from the portal's own
// pages. A cross-site `text/plain` POST — the form another site can send without any preflight — creates
// no app and no key; the portal's own pages, non-browser clients and API keys are unaffected.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { createApp } from "@/lib/apps/create-app";
import { db } from "@/lib/server/db";
import { createAppWithKey, createUser, createTeam } from "@/lib/gateway/test-fixtures";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));

const { POST: createAppRoute } = await import("@/app/api/v1/apps/route");
const { POST: createKeyRoute } = await import("@/app/api/v1/apps/[app]/keys/route");
const { GET: listModels } = await import("@/app/api/v1/models/route");

const PORTAL = "http://portal.example.test:3000";
let teamId = "";
let appId = "";

beforeAll(async () => {
  process.env.NEXTAUTH_URL = PORTAL;
  const team = await createTeam();
  teamId = team.id;
  const user = await createUser("publisher", team.id);
  sessionUser = { id: user.id, email: user.email, name: user.name, role: "publisher", teamIds: [team.id] };
  appId = (await createApp({ user: sessionUser, actor: { id: user.id, label: user.email }, data: { name: `app-${Date.now()}`, teamId } }))
    .id;
});

function post(path: string, body: unknown, headers: Record<string, string>) {
  return new NextRequest(`${PORTAL}${path}`, {
    method: "POST",
    headers: { host: "portal.example.test:3000", ...headers },
    body: JSON.stringify(body),
  });
}

const appCount = () => db.app.count({ where: { teamId } });
const keyCount = () => db.apiKey.count({ where: { appId } });

describe("state-changing session calls from other sites are refused", () => {
  it.each([
    ["a cross-origin text/plain form (Origin only, older browsers)", { "content-type": "text/plain", origin: "https://evil.example" }],
    [
      "a cross-origin fetch",
      { "content-type": "application/json", origin: "http://portal.example.test:4000", "sec-fetch-site": "same-site" },
    ],
    ["a cross-site form", { "content-type": "text/plain", origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["a sandboxed page (Origin: null)", { "content-type": "text/plain", origin: "null" }],
  ])("%s: 403 cross_site_request, nothing created", async (_name, headers) => {
    const [apps, keys] = [await appCount(), await keyCount()];
    const app = await createAppRoute(post("/api/v1/apps", { name: `csrf-${Date.now()}`, teamId }, headers), {
      params: Promise.resolve({}),
    });
    expect(app.status).toBe(403);
    expect(((await app.json()) as { error: { code: string } }).error.code).toBe("cross_site_request");
    const key = await createKeyRoute(post(`/api/v1/apps/${appId}/keys`, { name: "stolen" }, headers), {
      params: Promise.resolve({ app: appId }),
    });
    expect(key.status).toBe(403);
    expect([await appCount(), await keyCount()]).toEqual([apps, keys]);
  });

  it.each([
    [
      "the portal's own page (Sec-Fetch-Site: same-origin)",
      { "content-type": "application/json", origin: PORTAL, "sec-fetch-site": "same-origin" },
    ],
    ["the portal's own page, older browser (Origin only)", { "content-type": "application/json", origin: PORTAL }],
    [
      "the host the request was sent to (behind a proxy, NEXTAUTH_URL elsewhere)",
      { "content-type": "application/json", origin: "https://portal.example.test:3000" },
    ],
    ["a non-browser client holding the cookie (no Origin, no Sec-Fetch-Site)", { "content-type": "application/json" }],
  ])("%s: served", async (_name, headers) => {
    const res = await createAppRoute(
      post("/api/v1/apps", { name: `ok-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, teamId }, headers),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
  });

  it("leaves reads and API-key calls alone, whatever their Origin", async () => {
    const read = await listModels(
      new NextRequest(`${PORTAL}/api/v1/models`, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } }),
      { params: Promise.resolve({}) },
    );
    expect(read.status).toBe(200);
    const saved = sessionUser;
    sessionUser = null;
    try {
      const { secret } = await createAppWithKey();
      const { POST: invoke } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
      const res = await invoke(
        new NextRequest(`${PORTAL}/api/v1/models/nobody/nothing/invoke`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
          body: "{}",
        }),
        { params: Promise.resolve({ owner: "nobody", name: "nothing" }) },
      );
      expect(res.status).toBe(404); // past authentication and the CSRF check: the model does not exist
    } finally {
      sessionUser = saved;
    }
  });
});
