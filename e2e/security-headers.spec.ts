import { expect, test, type Page } from "@playwright/test";
import { query, signIn } from "./support";

// Security headers on pages, API answers and gateway calls; the pages (Monaco included) work under their
// Content-Security-Policy with no violation; sign-in only ever sends people back to this portal.

const MODEL = "ml-platform/iris-classifier";

function expectCommonHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  // The e2e portal's public URL is http: no HSTS (lib/http/security-headers.test.ts covers https).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** Records every CSP violation the page reports, from the first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|create|connect|frame)/i.test(msg.text())) violations.push(msg.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return violations;
}

/** Creates an app and a key through My apps, as a person would; returns the key's secret. */
async function createKey(page: Page): Promise<string> {
  await page.goto("/apps");
  const name = `headers-${Date.now()}`;
  const create = page.getByRole("form", { name: "Create an app" });
  await create.getByLabel("App name").fill(name);
  await create.getByRole("button", { name: "Create app" }).click();
  const app = page.getByRole("article", { name: `App ${name}` });
  await app.getByText("Create a key").click();
  await app.getByLabel("Key name").fill("headers");
  await app.getByRole("button", { name: "Create key" }).click();
  return (await page.getByRole("dialog").getByTestId("new-key-secret").textContent())!.trim();
}

test("pages, API answers and gateway calls carry the security headers", async ({ page, request }) => {
  const pageAnswer = await page.goto("/models");
  const pageHeaders = pageAnswer!.headers();
  expectCommonHeaders(pageHeaders, "page");
  const nonce = /'nonce-([^']+)'/.exec(pageHeaders["content-security-policy"])?.[1];
  expect(nonce).toBeTruthy();
  // Next put the nonce on its own scripts; every inline script carries it.
  const scripts = await page
    .locator("script")
    .evaluateAll((els) => els.map((s) => ({ inline: !(s as HTMLScriptElement).src, nonce: (s as HTMLScriptElement).nonce })));
  expect(scripts.filter((s) => s.inline).length).toBeGreaterThan(0);
  expect(scripts.every((s) => s.nonce === nonce)).toBe(true);
  // A fresh nonce per request.
  const again = (await request.get("/models")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce!);

  for (const [what, res] of [
    ["API answer", await request.get("/api/v1/models?pageSize=1")],
    ["API error", await request.get("/api/v1/no-such-route")],
    ["health", await request.get("/api/health")],
    ["404 page", await request.get("/no-such-page")],
  ] as const) {
    expectCommonHeaders(res.headers(), what);
  }
  expect((await request.get("/api/v1/models?pageSize=1")).headers()["content-security-policy"]).toMatch(/^default-src 'none'/);

  await signIn(page, "consumer@modelport.local");
  const secret = await createKey(page);
  for (const path of [`/api/v1/models/${MODEL}/invoke`, `/api/v1/models/${MODEL}/versions/1.0.0/invoke`]) {
    for (const body of [{ features: [[5.1, 3.5, 1.4, 0.2]] }, { features: "not a matrix" }]) {
      const res = await request.post(path, { headers: { authorization: `Bearer ${secret}` }, data: body });
      expect([200, 422]).toContain(res.status());
      expectCommonHeaders(res.headers(), `invoke ${res.status()}`);
      // And the headers the OpenAPI document promises on every counted call.
      for (const header of ["x-request-id", "server-timing", "ratelimit-policy", "ratelimit"])
        expect(res.headers()[header], header).toBeTruthy();
    }
  }
});

test("the model page and its console work under the Content-Security-Policy with no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, "consumer@modelport.local");
  await page.goto(`/models/${MODEL}`);
  await page.getByRole("button", { name: "Open console" }).click();
  // The generated form comes first; Monaco (the JSON editor) loads with its tab.
  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(page.locator(".monaco-editor")).toBeVisible();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("features");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("console-status")).toHaveText("200");
  for (const path of ["/models", "/apps", "/docs/api", "/"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("the dashboards' charts render under the Content-Security-Policy with no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, "executive@modelport.local");
  for (const path of ["/dashboards/usage", "/dashboards/roi"]) {
    await page.goto(path);
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("sign-in sends people back to this portal only", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await signIn(page, "consumer@modelport.local");
  for (const target of ["/\\evil.example/", "//evil.example/", "https://evil.example/", "/\t/evil.example"]) {
    const res = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 });
    expect(res.status(), target).toBeGreaterThanOrEqual(300);
    expect(res.status(), target).toBeLessThan(400);
    const location = new URL(res.headers()["location"], baseURL);
    expect(location.origin, target).toBe(origin);
    expect(location.pathname, target).toBe("/");
  }
  // A same-origin path is kept.
  const kept = await page.request.get(`/signin?callbackUrl=${encodeURIComponent("/apps?x=1")}`, { maxRedirects: 0 });
  expect(new URL(kept.headers()["location"], baseURL).pathname).toBe("/apps");

  // Signing in with a crafted callbackUrl lands on the portal, and so does next-auth's own redirect.
  const fresh = await page.context().browser()!.newContext({ baseURL });
  const other = await fresh.newPage();
  await other.goto(`/signin?callbackUrl=${encodeURIComponent("/\\evil.example/")}`);
  await other.getByLabel("Email", { exact: true }).fill("consumer@modelport.local");
  await other.getByLabel("Password", { exact: true }).fill("modelport");
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(other.getByTestId("current-user")).toBeVisible();
  expect(new URL(other.url()).origin).toBe(origin);
  const csrf = (await (await other.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signOut = await other.request.post("/api/auth/signout", {
    form: { csrfToken: csrf.csrfToken, callbackUrl: "/\\evil.example/", json: "true" },
    maxRedirects: 0,
  });
  const { url } = (await signOut.json()) as { url: string };
  // next-auth answers with its own base URL (the portal's public URL), never the crafted host.
  expect(new URL(url, baseURL).port).toBe(new URL(baseURL!).port);
  expect(new URL(url, baseURL).hostname).not.toContain("evil");
  expect(new URL(url, baseURL).pathname).toBe("/");
  await fresh.close();
});

test("API request bodies reach the route whole: uploads over 10 MB are not cut by the page proxy", async ({ page, baseURL }) => {
  // Next buffers (and cuts at 10 MB) the body of every request its proxy sees; /api must stay outside it.
  await signIn(page, "publisher@modelport.local");
  const [model] = await query<{ slug: string }>(
    `SELECT t.slug || '/' || m.name AS slug FROM models m JOIN teams t ON t.id = m."teamId" JOIN team_members tm ON tm."teamId" = t.id
       JOIN users u ON u.id = tm."userId" WHERE u.email = 'publisher@modelport.local' LIMIT 1`,
  );
  const res = await page.request.post(`/api/v1/models/${model.slug}/versions?dryRun=true`, {
    headers: { origin: new URL(baseURL!).origin },
    multipart: {
      version: "99.0.0",
      file: { name: "big.onnx", mimeType: "application/octet-stream", buffer: Buffer.alloc(12 * 1024 * 1024, 7) },
    },
  });
  // The whole form was read: the file is judged (not ONNX), instead of a truncated form being refused.
  expect(res.status()).toBe(422);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_artifact");
  expectCommonHeaders(res.headers(), "upload answer");
});
