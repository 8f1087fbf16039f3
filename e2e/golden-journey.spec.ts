import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { formatMoney } from "../lib/format";
import { JourneyClock, type Person } from "./human-time";
import { copyWith, createPerson, DEMO_PASSWORD, query, trackCopies, type TestPerson } from "./support";

// Issue 12's headline journey, through the UI only, by four people of this test's own (accounts from the
// documented test factory; their teams and business units made by the demo admin in /admin/organisation):
// a publisher takes a committed ONNX file to a submitted version; two reviewers learn of it from the bell and
// approve it (high risk: one approval is not enough); a consumer finds it by searching, creates an app and key
// on the model page, copies the cURL, Python and Node.js snippets with the copy buttons (Chromium's clipboard,
// permission granted) and runs them as child processes, getting what onnxruntime itself predicts; the calls then
// show on the model page and in the executive's ROI view. Every person's clicks, typing and reading are counted
// (e2e/human-time.ts) and the spec prints the keystroke-level estimate of their time (docs/benchmarks.md).

const run = promisify(execFile);
const uid = randomBytes(4).toString("hex");
const SOURCE = path.join(process.cwd(), "prisma/seed-data/onnx/iris-classifier.onnx");
const work = mkdtempSync(path.join(os.tmpdir(), "golden-journey-"));
// The committed file under a name of this run: the form suggests the model's name and display name from it.
const ONNX = path.join(work, `iris-golden-${uid}.onnx`);
copyFileSync(SOURCE, ONNX);
test.afterAll(() => rmSync(work, { recursive: true, force: true }));
const NAME = `iris-golden-${uid}`;
const DISPLAY = `Iris golden ${uid}`;
const FLOWER = [6.7, 3.0, 5.2, 2.3]; // a virginica from the data set, not the form's prefilled zeros
const SUMMARY = "Predicts the iris species from four measurements.";
const CARD: Record<string, string> = {
  "Intended use": "Sorting iris flowers in the botany course's lab exercises.",
  Limitations: "Three species only; measurements in centimetres.",
  "Training data": "Fisher's 150 iris flowers (CC-BY-4.0), 80/20 stratified split.",
  Evaluation: "93% accuracy on the 30 held-out flowers.",
};

type Output = { label: number[]; probabilities: number[][] };
type Answer = { output: Output; model: string; version: string; requestId: string };

/** What onnxruntime itself answers for the example, straight from the file (the truth the snippets must match). */
async function onnxPrediction(): Promise<Output> {
  const session = await InferenceSession.create(SOURCE);
  const result = await session.run({ features: new Tensor("float32", Float32Array.from(FLOWER), [1, 4]) });
  return {
    label: Array.from(result.label.data as BigInt64Array, Number),
    probabilities: [Array.from(result.probabilities.data as Float32Array)],
  };
}

function expectPrediction(answer: Answer, truth: Output, slug: string) {
  expect(answer).toMatchObject({ model: slug, version: "1.0.0" });
  expect(answer.output.label).toEqual(truth.label);
  answer.output.probabilities[0].forEach((p, i) => expect(p).toBeCloseTo(truth.probabilities[0][i], 6));
}

/** Signs in on the sign-in page (typing email and password), timed as its own phase "<persona>: sign-in". */
function signIn(
  browser: Browser,
  clock: JourneyClock,
  persona: string,
  who: Pick<TestPerson, "email" | "password" | "name">,
): Promise<Page> {
  return clock.phase(`${persona}: sign-in`, async (act) => {
    const context = await browser.newContext();
    await trackCopies(context);
    const page = await context.newPage();
    await page.goto("/signin");
    await act.type(page.getByLabel("Email", { exact: true }), who.email);
    await act.type(page.getByLabel("Password", { exact: true }), who.password);
    await act.click(page.getByRole("button", { name: "Sign in", exact: true }));
    await expect(page.getByTestId("current-user")).toHaveText(who.name);
    return page;
  });
}

/**
 * The card from the template, which already opens with the summary typed above it: the person selects each
 * italic prompt and writes their own.
 */
async function writeCard(page: Page, act: Person) {
  const card = page.getByLabel("Model card (Markdown)");
  const template = await card.inputValue();
  expect(template).toContain(`# ${DISPLAY}\n\n${SUMMARY}\n`);
  for (const heading of Object.keys(CARD)) expect(template).toContain(`## ${heading}`);
  const written = template.replace(
    /## (Intended use|Limitations|Training data|Evaluation)\n\n_[^\n]*_/g,
    (_m, h: string) => `## ${h}\n\n${CARD[h]}`,
  );
  expect(written).not.toContain("_");
  await act.type(card, Object.values(CARD).join(""), written, Object.keys(CARD).length);
}

test("four people take an ONNX file to calls from copied snippets, seen on the model page and in ROI", async ({ browser, baseURL }) => {
  test.setTimeout(420_000); // 40 s on a quiet machine, 2.4 min beside two other specs at load ~10
  const clock = new JourneyClock();
  const truth = await onnxPrediction();
  const publisher = await createPerson("publisher", "Publisher");
  const reviewer = await createPerson("reviewer", "Reviewer");
  const second = await createPerson("reviewer", "Second reviewer");
  const consumer = await createPerson("consumer", "Consumer");
  const executive = await createPerson("executive", "Executive");
  const lab = { bu: `Golden lab BU ${uid}`, team: `Golden lab ${uid}`, slug: `golden-lab-${uid}` };
  const shop = { bu: `Golden shop BU ${uid}`, team: `Golden shop ${uid}`, slug: `golden-shop-${uid}` };

  // 0. Set-up by the demo admin in the admin UI: a business unit and a team each for the publisher and the consumer.
  const admin = await signIn(browser, clock, "admin", { email: "admin@modelport.local", password: DEMO_PASSWORD, name: "Adam Kowalski" });
  await clock.phase("admin: teams for the people", async (act) => {
    await act.click(admin.getByRole("link", { name: "Admin", exact: true }));
    await act.click(admin.getByRole("link", { name: "Teams and business units" }));
    const form = (button: string) => admin.locator("form[data-hydrated]").filter({ has: admin.getByRole("button", { name: button }) });
    for (const [unit, who] of [
      [lab, publisher],
      [shop, consumer],
    ] as const) {
      const bu = form("Add business unit");
      await act.type(bu.getByLabel("Name"), unit.bu);
      await act.type(bu.getByLabel("Slug"), `${unit.slug}-bu`);
      await act.type(bu.getByLabel("Cost centre"), `CC-${unit.slug}`);
      await act.click(bu.getByRole("button", { name: "Add business unit" }));
      await expect(bu.getByRole("status")).toHaveText(`Business unit ${unit.bu} created.`);
      const team = form("Add team");
      await act.type(team.getByLabel("Name"), unit.team);
      await act.type(team.getByLabel("Slug"), unit.slug);
      await act.select(team.getByRole("combobox", { name: "Business unit" }), { label: unit.bu });
      await act.click(team.getByRole("button", { name: "Add team" }));
      await expect(team.getByRole("status")).toHaveText(`Team ${unit.team} created.`);
      const member = form("Save membership");
      await act.select(member.getByRole("combobox", { name: "Team", exact: true }), { label: unit.team });
      await act.type(member.getByLabel("User email"), who.email);
      await act.click(member.getByRole("button", { name: "Save membership" }));
      await expect(member.getByRole("status")).toHaveText(`${who.email} is now a member of ${unit.team}.`);
      await expect(admin.getByRole("table", { name: "Teams" }).getByRole("row").filter({ hasText: unit.team })).toContainText(who.email);
    }
    await admin.context().close();
  });
  const teams = await query<{ slug: string; members: string[] }>(
    `SELECT t.slug, array_agg(m."userId"::text) AS members FROM teams t JOIN team_members m ON m."teamId" = t.id WHERE t.slug = ANY($1) GROUP BY t.slug ORDER BY t.slug`,
    [[lab.slug, shop.slug]],
  );
  expect(teams).toEqual([
    { slug: lab.slug, members: [publisher.id] },
    { slug: shop.slug, members: [consumer.id] },
  ]);

  // 1. The publisher: ONNX file → suggested names accepted → example edited → card from the template → run → submit.
  const pub = await signIn(browser, clock, "publisher", publisher);
  await clock.phase("publisher: ONNX file → submitted for review", async (act) => {
    const page = pub;
    await act.click(page.getByRole("link", { name: "Publish", exact: true }));
    await act.click(page.getByRole("link", { name: "New model" }));
    await act.upload(page.getByLabel("ONNX file"), ONNX);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(NAME);
    await expect(page.getByLabel("Display name")).toHaveValue(DISPLAY);
    await expect(page.getByTestId("class-labels")).toContainText("setosa, versicolor, virginica");
    await act.read(page.locator("fieldset").filter({ hasText: "Start from an ONNX file" }));
    const example = page.getByLabel("Example input (JSON)");
    expect(JSON.parse(await example.inputValue())).toEqual({ features: [[0, 0, 0, 0]] });
    await act.type(example, FLOWER.join(", "), JSON.stringify({ features: [FLOWER] }));
    await act.type(page.getByLabel("Cost per call (USD)"), "0.001");
    await expect(page.getByLabel("Owning team")).toHaveValue(lab.slug); // their only team
    await act.type(page.getByLabel("Business owner email"), executive.email);
    await act.type(page.getByLabel("Value per successful call (USD)"), "0.05");
    await act.select(page.getByLabel("Risk level"), "high");
    await act.type(page.getByLabel("Summary"), SUMMARY);
    await writeCard(page, act);
    await act.click(page.getByRole("button", { name: "Create model and draft version" }));
    await expect(page).toHaveURL(new RegExp(`/publish/${lab.slug}/${NAME}$`));
    await expect(page.getByTestId("status-1.0.0")).toHaveText("draft");
    const checklist = page.getByTestId("checklist-1.0.0");
    await expect(checklist.locator("li[data-ok=false]")).toHaveText([/Example runs/]);
    await act.read(checklist);
    await act.click(page.getByRole("button", { name: "Run the example of 1.0.0" }));
    await expect(page.getByLabel("Example result")).toContainText("HTTP 200");
    await act.read(page.getByLabel("Example result"));
    await act.click(page.getByRole("button", { name: "Submit 1.0.0 for review" }));
    await expect(page.getByTestId("status-1.0.0")).toHaveText("pending review");
    const next = page.getByTestId("next-steps");
    for (const text of [reviewer.name, second.name, "two approvals from different reviewers", "You get a notification"])
      await expect(next).toContainText(text);
    await act.read(next);
  });
  const [model] = await query<{ id: string; riskLevel: string; businessOwnerId: string; valuePerCallMicros: string }>(
    `SELECT id, "riskLevel", "businessOwnerId", "valuePerCallMicros"::text FROM models WHERE slug = $1`,
    [`${lab.slug}/${NAME}`],
  );
  expect(model).toMatchObject({ riskLevel: "high", businessOwnerId: executive.id, valuePerCallMicros: "50000" });
  const [version] = await query<{ id: string; status: string; createdById: string; submittedById: string; exampleInput: unknown }>(
    `SELECT id, status, "createdById", "submittedById", "exampleInput" FROM model_versions WHERE "modelId" = $1`,
    [model.id],
  );
  expect(version).toMatchObject({
    status: "pending_review",
    createdById: publisher.id,
    submittedById: publisher.id,
    exampleInput: { features: [FLOWER] },
  });

  // 2. The reviewers: the bell, the notification, the checklist and card, the example, Approve — twice.
  const review = async (page: Page, notice: string, act: Person) => {
    await expect(page.getByTestId("unread-count")).toHaveText(/^[1-9]/);
    await act.click(page.getByTestId("notification-bell"));
    await act.click(page.getByRole("button", { name: `Unread: ${DISPLAY} 1.0.0 ${notice}` }));
    await expect(page).toHaveURL(new RegExp(`/review/${version.id}$`));
    await expect(page.getByText(`submitted by ${publisher.name}`)).toBeVisible();
    await act.read(page.getByRole("region", { name: "Policy checklist" }).getByRole("list"));
    await act.click(page.getByText("Model card", { exact: true }));
    await act.read(page.locator("details pre"));
    await act.click(page.getByRole("button", { name: "Run example" }));
    await expect(page.getByLabel("Example result")).toContainText("HTTP 200");
    await act.read(page.getByLabel("Example result"));
    await act.click(page.getByRole("button", { name: "Approve" }));
    return page;
  };
  const rev1 = await signIn(browser, clock, "reviewer", reviewer);
  await clock.phase("reviewer: bell → approval 1 of 2", async (act) => {
    const page = await review(rev1, "is waiting for review", act);
    await expect(page.getByText("You have approved this version; a second reviewer must approve it too.")).toBeVisible();
    await page.context().close();
  });
  const afterFirst = await query<{ status: string; reviewers: string[] }>(
    `SELECT v.status, array(SELECT r."reviewerId"::text FROM reviews r WHERE r."versionId" = v.id AND r.decision = 'approve') AS reviewers FROM model_versions v WHERE v.id = $1`,
    [version.id],
  );
  expect(afterFirst).toEqual([{ status: "pending_review", reviewers: [reviewer.id] }]);
  const told = await query<{ kind: string; read: boolean }>(
    `SELECT kind, "readAt" IS NOT NULL AS read FROM notifications WHERE "recipientId" = $1 AND "versionId" = $2`,
    [reviewer.id, version.id],
  );
  expect(told).toEqual([{ kind: "version.submitted", read: true }]);
  const rev2 = await signIn(browser, clock, "second reviewer", second);
  await clock.phase("second reviewer: bell → approved", async (act) => {
    const page = await review(rev2, "needs a second approval", act);
    await expect(page.getByText("This version is approved; there is nothing to decide.")).toBeVisible();
    await page.context().close();
  });
  const [approved] = await query<{ status: string; approvedById: string; reviews: string }>(
    `SELECT status, "approvedById", (SELECT count(*) FROM reviews r WHERE r."versionId" = v.id AND r.decision = 'approve')::text AS reviews FROM model_versions v WHERE id = $1`,
    [version.id],
  );
  expect(approved).toEqual({ status: "approved", approvedById: second.id, reviews: "2" });
  await pub.context().close();

  // 3. The consumer: search → model page → "Create a key for this snippet" → copy and run cURL, Python, Node.js.
  const terminal = path.join(work, "terminal");
  mkdirSync(terminal);
  const slug = `${lab.slug}/${NAME}`;
  // Runs what the person pasted (cURL) or typed in the terminal, with no key in the environment: it must be in the copied text.
  const shell = async (command: string, act: Person, pasted = false) => {
    if (pasted)
      act.keys(1); // Enter
    else act.command(command);
    const { stdout } = await run("bash", ["-c", command], {
      cwd: terminal,
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: work },
      timeout: 60_000,
    });
    act.readText(stdout);
    return JSON.parse(stdout) as Answer;
  };
  const con = await signIn(browser, clock, "consumer", consumer);
  let secret = "";
  // Copy a snippet with its button, switch to a terminal (Alt+Tab) and paste it (Ctrl+V) there or into a file.
  const copy = async (tab: string, act: Person) => {
    if (tab !== "cURL") {
      act.keys(2); // Alt+Tab back to the browser
      await act.click(con.getByRole("tab", { name: tab, exact: true }));
    }
    const text = await copyWith(con, con.getByRole("button", { name: `Copy ${tab}` }), (button) => act.click(button));
    expect(text).toContain(secret);
    expect(text).toContain(`${baseURL}/api/v1/models/${slug}/versions/1.0.0/invoke`);
    act.keys(2 + 2);
    return text;
  };
  await clock.phase("consumer: search → key → working cURL snippet", async (act) => {
    const page = con;
    // Signed in, the home page offers the search box.
    await expect(page.getByRole("heading", { name: "Find, try and call your company's models" })).toBeVisible();
    const search = page.getByRole("searchbox", { name: "Search models" });
    await act.type(search, DISPLAY);
    act.keys(1);
    await search.press("Enter");
    await expect(page).toHaveURL(/\/models\?q=/);
    const results = page.getByRole("list", { name: "Models" });
    await expect(results.getByRole("link").first()).toContainText(DISPLAY);
    await act.read(results.getByRole("listitem").first());
    await act.click(results.getByRole("link", { name: new RegExp(DISPLAY) }));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(DISPLAY); // the one h1: the card's own title is an h2
    await act.read(page.locator("header").filter({ hasText: DISPLAY }));
    await act.click(page.getByRole("button", { name: "Create a key for this snippet" }));
    const dialog = page.getByRole("dialog", { name: "Create a key for this snippet" });
    await expect(dialog.getByLabel("Team").locator("option:checked")).toHaveText(`${shop.team} (${shop.bu})`);
    await act.type(dialog.getByLabel("New app name"), `Flower shop ${uid}`);
    await act.click(dialog.getByRole("button", { name: "Create key" }));
    const created = page.getByRole("dialog", { name: /API key “.+” created/ });
    await expect(created).toContainText("you won't see it again");
    secret = (await created.getByTestId("new-key-secret").textContent())!.trim();
    await act.read(created);
    await act.click(created.getByRole("button", { name: "Back to the snippets" }));
    expectPrediction(await shell(await copy("cURL", act), act, true), truth, slug);
  });
  await clock.phase("consumer: the Python and Node.js snippets too", async (act) => {
    for (const [tab, file, runner] of [
      ["Python (requests)", "predict.py", "python3"],
      ["Node.js (fetch)", "predict.js", "node"],
    ] as const) {
      const code = await copy(tab, act);
      act.command(`cat > ${file}`);
      writeFileSync(path.join(terminal, file), code);
      act.keys(2); // Ctrl+D
      expectPrediction(await shell(`${runner} ${file}`, act), truth, slug);
    }
  });
  const [key] = await query<{ id: string; scopes: string[]; allowlist: string[]; createdById: string; teamSlug: string; appName: string }>(
    `SELECT k.id, k.scopes, k."modelAllowlist"::text[] AS allowlist, k."createdById", t.slug AS "teamSlug", a.name AS "appName"
       FROM api_keys k JOIN apps a ON a.id = k."appId" JOIN teams t ON t.id = a."teamId" WHERE k.prefix = $1`,
    [secret.slice(0, 11)],
  );
  expect(key).toMatchObject({
    scopes: ["invoke"],
    allowlist: [model.id],
    createdById: consumer.id,
    teamSlug: shop.slug,
    appName: `Flower shop ${uid}`,
  });
  const calls = await query<{
    channel: string;
    statusCode: number;
    apiKeyId: string | null;
    userId: string | null;
    costMicros: string;
    valueMicros: string;
  }>(
    `SELECT channel, "statusCode", "apiKeyId", "userId", "costMicros"::text, "valueMicros"::text FROM invocations WHERE "modelId" = $1 ORDER BY at`,
    [model.id],
  );
  // The publisher's and both reviewers' example runs (console), then the three snippets (api, with the new key).
  expect(calls.filter((c) => c.channel === "console").map((c) => [c.statusCode, c.userId])).toEqual([
    [200, publisher.id],
    [200, reviewer.id],
    [200, second.id],
  ]);
  expect(calls.filter((c) => c.channel === "api").map((c) => [c.statusCode, c.apiKeyId, c.costMicros, c.valueMicros])).toEqual(
    Array(3).fill([200, key.id, "1000", "50000"]),
  );
  expect(calls).toHaveLength(6);

  // 4. The calls in the usage facts on the model page and in the executive's ROI view, within seconds (roll-up).
  await clock.phase("consumer: the calls on the model page", async (act) => {
    const facts = con.getByTestId("model-facts");
    const fact = (label: string) =>
      facts
        .locator("div")
        .filter({ has: con.getByText(label, { exact: true }) })
        .locator("dd");
    act.keys(1); // F5
    await expect(async () => {
      await con.reload();
      await expect(fact("Calls")).toHaveText(String(calls.length), { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(fact("Consuming apps")).toHaveText("1");
    await act.read(facts);
    await con.context().close();
  });
  const exec = await signIn(browser, clock, "executive", executive);
  await clock.phase("executive: the calls in the ROI view", async (act) => {
    const page = exec;
    await act.click(page.getByRole("link", { name: "ROI", exact: true }));
    await expect(page.getByRole("heading", { name: "Return on investment" })).toBeVisible();
    const card = page.getByRole("region", { name: "Net value by consuming business unit" });
    const row = card.getByRole("row").filter({ hasText: shop.bu });
    await act.click(card.getByText("Table view"));
    // The roll-up folds the calls in within seconds: reload until they are there (a person would press F5).
    await expect(async () => {
      if ((await row.count()) === 0) {
        await page.reload();
        await card.getByText("Table view").click();
      }
      await expect(row).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(row.getByRole("cell")).toHaveText([
      shop.bu,
      "3",
      formatMoney(3n * 50_000n),
      formatMoney(3n * 1_000n),
      /\S/,
      /\d{4}-\d{2}/,
    ]);
    await act.read(row);
    await page.context().close();
  });

  const toFirstCall = [
    "publisher: ONNX file → submitted for review",
    "reviewer: bell → approval 1 of 2",
    "second reviewer: bell → approved",
    "consumer: search → key → working cURL snippet",
  ];
  const signIns = ["publisher: sign-in", "reviewer: sign-in", "second reviewer: sign-in", "consumer: sign-in"];
  const figures = clock.report([
    { label: "ONNX file → first call from a copied snippet (4 people, incl. review)", phases: toFirstCall, goalSeconds: 300 },
    { label: "the same with the 4 people's sign-ins", phases: [...toFirstCall, ...signIns], goalSeconds: 300 },
    { label: "consumer: search → key → working snippet", phases: ["consumer: search → key → working cURL snippet"], goalSeconds: 120 },
    {
      label: "the same with the consumer's sign-in",
      phases: ["consumer: search → key → working cURL snippet", "consumer: sign-in"],
      goalSeconds: 120,
    },
  ]);
  console.log(`\n[golden journey]\n${figures}\n`);
  await test.info().attach("human-time.md", { body: figures, contentType: "text/markdown" });
});
