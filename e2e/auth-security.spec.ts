import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import bcrypt from "bcryptjs";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { query } from "./support";

// Issue 13's auth findings, probed the way the outside review did, against the running portal and its
// database: a key never does more than its creator (minting, demotion, self-approval through a key), a
// usage:read key sees what its creator sees, CSRF from a same-site page, sign-in throttling, and session
// cookies that stop working the moment the session ends. Every spec creates its own people and teams.

const PASSWORD = "e2e-auth-password";
const uid = () => randomBytes(4).toString("hex");
const hash = bcrypt.hashSync(PASSWORD, 4);

async function one<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> {
  return (await query<T>(sql, params))[0];
}

async function team() {
  const s = uid();
  const bu = await one<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`,
    [`auth-bu-${s}`],
  );
  return one<{ id: string; slug: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id, slug`,
    [`auth-${s}`, bu.id],
  );
}

async function person(role: string, teamId?: string) {
  const email = `${role}-${uid()}@auth-e2e.test`;
  const user = await one<{ id: string }>(
    `INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, $1, $2::"Role", $3) RETURNING id`,
    [email, role, hash],
  );
  if (teamId) await query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [user.id, teamId]);
  return { id: user.id, email };
}

async function app(teamId: string, creatorId: string) {
  const name = `auth-app-${uid()}`;
  return one<{ id: string; name: string }>(
    `INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id, name`,
    [name, teamId, creatorId],
  );
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

async function signedIn(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** Creates a key on /apps with exactly these scopes; returns its secret (shown once, in the dialog). */
async function createKeyInUi(page: Page, appName: string, scopes: string[]) {
  await page.goto("/apps");
  const card = page.getByRole("article", { name: `App ${appName}` });
  await card.getByText("Create a key").click();
  await card.getByLabel("Key name").fill(`key-${uid()}`);
  for (const box of await card.getByRole("checkbox").all()) {
    const value = await box.getAttribute("value");
    if (scopes.includes(value ?? "")) await box.check();
    else await box.uncheck();
  }
  await card.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have stored it" }).click();
  return secret;
}

/** A call from inside the portal's page, as its own scripts make them (same origin, session cookie). */
function fetchInPage(page: Page, path: string, init: { method: string; body?: unknown }) {
  return page.evaluate(
    async ({ path, init }) => {
      const res = await fetch(path, {
        method: init.method,
        headers: { "content-type": "application/json" },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null };
    },
    { path, init },
  );
}

const modelBody = (teamSlug: string, name: string) => ({
  team: teamSlug,
  name,
  displayName: `Auth ${name}`,
  task: "text-classification",
  framework: "pytorch",
});
const httpVersion = {
  runtime: "http",
  version: "1.0.0",
  endpointUrl: "https://models.example.test/v1/predict",
  inputSchema: { type: "object", required: ["text"], properties: { text: { type: "string" } } },
  exampleInput: { text: "hello" },
  costModel: { kind: "per_call", microsPerCall: 10 },
};

test.describe("a key never does more than its creator", () => {
  test("a consumer is offered only invoke, read and curate, and a publish key is refused 403", async ({ page }) => {
    const t = await team();
    const consumer = await person("consumer", t.id);
    const a = await app(t.id, consumer.id);
    await signIn(page, consumer.email);
    await page.goto("/apps");
    const card = page.getByRole("article", { name: `App ${a.name}` });
    await card.getByText("Create a key").click();
    await expect(card.getByRole("checkbox")).toHaveCount(3);
    await expect(card.getByRole("checkbox", { name: /^invoke/ })).toBeVisible();
    await expect(card.getByRole("checkbox", { name: /^read/ })).toBeVisible();
    await expect(card.getByRole("checkbox", { name: /^curate/ })).toBeVisible();
    // What the form no longer offers, a hand-made request cannot get either.
    const res = await fetchInPage(page, `/api/v1/apps/${a.id}/keys`, {
      method: "POST",
      body: { name: "ci", scopes: ["invoke", "publish"] },
    });
    expect(res.status).toBe(403);
    expect(res.body?.error).toMatchObject({ code: "scope_not_grantable", message: expect.stringContaining('"publish"') });
    expect(await query(`SELECT 1 FROM api_keys WHERE "appId" = $1`, [a.id])).toHaveLength(0);
  });

  test("a publisher's publish key stops publishing once the publisher is demoted", async ({ page, request }) => {
    const t = await team();
    const publisher = await person("publisher", t.id);
    const a = await app(t.id, publisher.id);
    await signIn(page, publisher.email);
    const secret = await createKeyInUi(page, a.name, ["publish"]);
    const publish = (data: object = modelBody(t.slug, `m-${uid()}`)) =>
      request.post("/api/v1/models", { headers: { authorization: `Bearer ${secret}` }, data });
    expect((await publish()).status()).toBe(201);
    await query(`UPDATE users SET role = 'consumer' WHERE id = $1`, [publisher.id]);
    // Every node hears of the demotion (NOTIFY). Probed with an empty body, which creates nothing either way:
    // 400 while the key may still publish, 403 once it may not (authorisation comes before the body).
    await expect.poll(async () => (await publish({})).status()).toBe(403);
    const refused = await publish();
    expect(await refused.json()).toMatchObject({ error: { code: "insufficient_scope" } });
    expect(await query(`SELECT 1 FROM models WHERE "teamId" = $1`, [t.id])).toHaveLength(1);
  });

  test("an admin who publishes and submits with their own key cannot approve it in the browser: 403 self_approval", async ({
    page,
    request,
  }) => {
    const t = await team();
    const admin = await person("admin", t.id);
    const a = await app(t.id, admin.id);
    await signIn(page, admin.email);
    const secret = await createKeyInUi(page, a.name, ["publish"]);
    const auth = { authorization: `Bearer ${secret}` };
    const name = `self-${uid()}`;
    expect((await request.post("/api/v1/models", { headers: auth, data: modelBody(t.slug, name) })).status()).toBe(201);
    expect((await request.post(`/api/v1/models/${t.slug}/${name}/versions`, { headers: auth, data: httpVersion })).status()).toBe(201);
    expect((await request.post(`/api/v1/models/${t.slug}/${name}/versions/1.0.0/submit`, { headers: auth })).status()).toBe(200);

    const version = await one<{ id: string; status: string; createdById: string; submittedById: string }>(
      `SELECT v.id, v.status, v."createdById", v."submittedById" FROM model_versions v JOIN models m ON m.id = v."modelId" WHERE m.slug = $1`,
      [`${t.slug}/${name}`],
    );
    expect(version).toMatchObject({ status: "pending_review", createdById: admin.id, submittedById: admin.id });
    const prefix = secret.slice(0, 11);
    const audit = await query<{ action: string; actorId: string; actorLabel: string }>(
      `SELECT action, "actorId", "actorLabel" FROM audit_events WHERE "targetId" = $1 ORDER BY id`,
      [version.id],
    );
    expect(audit.map((e) => e.action)).toEqual(["version.create", "version.submit"]);
    for (const e of audit)
      expect(e).toMatchObject({ actorId: admin.id, actorLabel: expect.stringContaining(`api_key:${prefix} (app ${a.name}`) });

    await page.goto(`/review/${version.id}`);
    await expect(page.getByRole("note")).toContainText("Separation of duties");
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    const approve = await fetchInPage(page, `/api/v1/models/${t.slug}/${name}/versions/1.0.0/review`, {
      method: "POST",
      body: { decision: "approve", comment: "" },
    });
    expect(approve).toMatchObject({ status: 403, body: { error: { code: "self_approval" } } });
    expect((await one<{ status: string }>(`SELECT status FROM model_versions WHERE id = $1`, [version.id])).status).toBe("pending_review");
  });

  test("a usage:read key reads usage, ROI and chargeback exactly as its creator's session does", async ({ page, request }) => {
    // The demo publisher: their team's models have 90 days of calls.
    await signIn(page, "publisher@modelport.local", "modelport");
    const [me] = await query<{ id: string; teamId: string }>(
      `SELECT u.id, m."teamId" FROM users u JOIN team_members m ON m."userId" = u.id WHERE u.email = 'publisher@modelport.local' LIMIT 1`,
    );
    const a = await app(me.teamId, me.id);
    const secret = await createKeyInUi(page, a.name, ["usage:read"]);
    // Whole past days and last month: calls other specs make meanwhile cannot land in them.
    const today = new Date(new Date().toISOString().slice(0, 10));
    const range = `from=${new Date(today.getTime() - 30 * 86_400_000).toISOString()}&to=${today.toISOString()}`;
    const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    for (const path of [
      `/api/v1/usage?groupBy=model&${range}`,
      `/api/v1/roi?groupBy=model&${range}`,
      `/api/v1/chargeback?month=${lastMonth}&format=json`,
    ]) {
      const byKey = await request.get(path, { headers: { authorization: `Bearer ${secret}` } });
      const bySession = await page.request.get(path);
      expect([path, byKey.status()]).toEqual([path, 200]);
      const [k, s] = [await byKey.json(), await bySession.json()];
      expect(JSON.stringify(k).length).toBeGreaterThan(50);
      expect(k).toEqual(s);
    }
  });
});

test.describe("sessions", () => {
  /** Serves one page from another origin of the same site (same host, other port): the CSRF attacker. */
  async function attackerPage(html: string): Promise<{ url: string; server: Server }> {
    const server = createServer((_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end(html);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const base = new URL(process.env.E2E_BASE_URL!);
    return { url: `http://${base.hostname}:${(server.address() as AddressInfo).port}/`, server };
  }

  test("a same-site page on another origin cannot create an app with the person's session (CSRF)", async ({ page }) => {
    const t = await team();
    const consumer = await person("consumer", t.id);
    await signIn(page, consumer.email);
    const name = `csrf-${uid()}`;
    // The classic text/plain form: its body reads as JSON, and no preflight stops it.
    const field = `{"name":"${name}","teamId":"${t.id}","pad":"`;
    const { url, server } =
      await attackerPage(`<!doctype html><form method="POST" enctype="text/plain" action="${process.env.E2E_BASE_URL}/api/v1/apps">
      <input type="hidden" name='${field}' value='"}'></form><script>document.forms[0].submit()</script>`);
    try {
      const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/apps") && r.request().method() === "POST");
      await page.goto(url);
      const res = await answer;
      expect(res.status()).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "cross_site_request" } });
      expect(res.request().headers()["origin"]).toBe(new URL(url).origin); // the browser really sent it cross-origin
    } finally {
      server.close();
    }
    expect(await query(`SELECT 1 FROM apps WHERE name = $1`, [name])).toHaveLength(0);
    // The portal's own form still works with the same session.
    await page.goto("/apps");
    const own = await fetchInPage(page, "/api/v1/apps", { method: "POST", body: { name, teamId: t.id } });
    expect(own.status).toBe(201);
  });

  test("server actions refuse another origin too (Next's own Origin check)", async ({ browser }) => {
    const { context, page } = await signedIn(browser, (await person("admin")).email);
    const victim = await person("consumer");
    await page.goto("/admin");
    // The admin page's "Save" form for the victim, as the browser would post it without JavaScript.
    const form = page.locator("form", { has: page.locator(`input[name="userId"][value="${victim.id}"]`) }).first();
    const fields = await form.evaluate((f: HTMLFormElement) => [...new FormData(f).entries()].map(([k, v]) => [k, String(v)]));
    const post = (origin: string) =>
      context.request.post("/admin", {
        headers: { origin, accept: "text/html" },
        multipart: Object.fromEntries(fields.map(([k, v]) => [k, k === "disabled" ? "true" : v])),
      });
    await post("http://127.0.0.1:1");
    expect((await one<{ disabled: boolean }>(`SELECT disabled FROM users WHERE id = $1`, [victim.id])).disabled).toBe(false);
    // The same post from the portal's own origin does take effect: the form above was a real one.
    await post(new URL(process.env.E2E_BASE_URL!).origin);
    expect((await one<{ disabled: boolean }>(`SELECT disabled FROM users WHERE id = $1`, [victim.id])).disabled).toBe(true);
    await context.close();
  });

  test("password sign-ins are throttled: after five failures the account is locked, even for the right password", async ({
    page,
    request,
  }) => {
    const user = await person("consumer");
    await page.goto("/signin");
    const alert = page.getByRole("form", { name: "Password sign-in" }).getByRole("alert");
    const audited = async () => (await query(`SELECT 1 FROM audit_events WHERE "targetId" = $1`, [user.id])).length;
    /** One attempt through the form; done once its outcome is in the audit trail (n rows by then). */
    const attempt = async (password: string, rows: number) => {
      await page.getByLabel("Email", { exact: true }).fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect.poll(audited).toBe(rows);
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    };
    for (let i = 0; i < 4; i++) {
      await attempt(`wrong-${i}`, i + 1);
      await expect(alert).toHaveText("That email and password do not match an active account.");
    }
    await attempt("wrong-4", 6); // the fifth failure, and the lock it starts
    await expect(alert).toHaveText(/^Too many failed sign-ins for this account\. Try again in \d+ seconds\.$/);
    // The right password now: refused before it is even compared (nothing new audited).
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    const locked = page.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    expect((await locked).status()).toBe(429);
    await expect(alert).toHaveText(/Too many failed sign-ins for this account/);
    await expect(page.getByTestId("current-user")).toHaveCount(0);

    // The same through next-auth's endpoint: 429 with Retry-After.
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await request.post("/api/auth/callback/credentials", {
      form: { email: user.email, password: PASSWORD, csrfToken, json: "true" },
    });
    expect(res.status()).toBe(429);
    expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
    const audit = await query<{ action: string; ip: string | null }>(
      `SELECT action, ip FROM audit_events WHERE "targetId" = $1 ORDER BY id`,
      [user.id],
    );
    expect(audit.map((e) => e.action)).toEqual([...Array(5).fill("auth.sign_in_failed"), "auth.sign_in_locked"]);
    expect(audit.every((e) => e.ip)).toBe(true);
  });

  test("a copied session cookie stops working at once after sign-out, a password change and an admin's sign-out-everywhere", async ({
    browser,
  }) => {
    const user = await person("consumer");
    /** Signs in, and returns a second browser holding a copy of the session cookie. */
    const signInAndCopy = async (password = PASSWORD) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, user.email, password);
      const thief = await browser.newContext();
      await thief.addCookies(await context.cookies());
      return { context, page, thief };
    };
    const stillSignedIn = async (thief: BrowserContext) => (await thief.request.get("/api/v1/apps")).status() === 200;

    // 1. Sign-out.
    let s = await signInAndCopy();
    expect(await stillSignedIn(s.thief)).toBe(true);
    expect(await (await s.thief.request.get("/api/auth/session")).json()).toMatchObject({ user: { email: user.email } });
    await s.page.getByRole("button", { name: "Sign out" }).click();
    await expect(s.page.getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(await stillSignedIn(s.thief)).toBe(false);
    expect((await s.thief.request.get("/api/v1/apps")).status()).toBe(401);
    expect(await (await s.thief.request.get("/api/auth/session")).json()).toEqual({});

    // 2. A password change on the account page (this browser is signed out as well, with a notice).
    s = await signInAndCopy();
    await s.page.getByTestId("current-user").click();
    await expect(s.page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await s.page.getByLabel("Current password").fill(PASSWORD);
    await s.page.getByLabel(/New password/).fill("a-brand-new-password");
    await s.page.getByRole("button", { name: "Change password" }).click();
    await expect(s.page.getByRole("status")).toContainText("Your password was changed");
    expect(await stillSignedIn(s.thief)).toBe(false);

    // 3. An admin's "sign out everywhere".
    s = await signInAndCopy("a-brand-new-password");
    const admin = await signedIn(browser, (await person("admin")).email);
    await admin.page.goto("/admin");
    await admin.page.getByRole("button", { name: `Sign out ${user.email} everywhere` }).click();
    await expect(admin.page.getByText(/Signed out everywhere \(1 session ended\)/)).toBeVisible();
    expect(await stillSignedIn(s.thief)).toBe(false);
    await s.page.reload();
    await expect(s.page.getByRole("link", { name: "Sign in" })).toBeVisible();
    const ends = await query<{ endReason: string }>(`SELECT "endReason" FROM user_sessions WHERE "userId" = $1 ORDER BY "createdAt"`, [
      user.id,
    ]);
    expect(ends.map((e) => e.endReason)).toEqual(["sign_out", "password_change", "admin_sign_out"]);
  });
});
