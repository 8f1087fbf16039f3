import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { query } from "./support";

// The headline journey through the UI only, with this test's own people and team: a publisher starts a model
// from an ONNX file, writes the card from the template, runs the example and submits; two reviewers learn of
// it from the bell, run the example and approve (the model is high-risk, so one approval is not enough); the
// publisher learns of the outcome. Every step checks what a person sees and what the database holds.

const uid = randomBytes(4).toString("hex");
const PASSWORD = "journey-password-1";
// The committed demo ONNX file, under a name of this run: the form suggests the model's name from it.
const ONNX = path.join(mkdtempSync(path.join(os.tmpdir(), "journey-")), `iris-journey-${uid}.onnx`);
copyFileSync(path.join(process.cwd(), "prisma/seed-data/onnx/iris-classifier.onnx"), ONNX);

type Person = { id: string; email: string; name: string };

async function person(role: string, label: string): Promise<Person> {
  const email = `${label}-${uid}@journey.test`;
  const name = `${label[0].toUpperCase()}${label.slice(1)} ${uid}`;
  const [row] = await query<{ id: string }>(
    `INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
    [email, name, role, await hashPassword(PASSWORD)],
  );
  return { id: row.id, email, name };
}

async function signedIn(browser: Browser, who: Person): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText(who.name);
  return page;
}

/** Replaces each template prompt (the italic line under a heading) with text of our own. */
function writeCard(template: string): string {
  const text: Record<string, string> = {
    "Intended use": "Sorting iris flowers in the botany course's lab exercises.",
    Limitations: "Three species only; measurements in centimetres.",
    "Training data": "Fisher's 150 iris flowers (CC-BY-4.0), 80/20 stratified split.",
    Evaluation: "93% accuracy on the 30 held-out flowers.",
  };
  return template.replace(
    /## (Intended use|Limitations|Training data|Evaluation)\n\n_[^\n]*_/g,
    (_m, heading: string) => `## ${heading}\n\n${text[heading]}`,
  );
}

test("an ONNX file goes from upload to an approved version: card from the template, checklist, bell, two reviewers", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const publisher = await person("publisher", "publisher");
  const first = await person("reviewer", "reviewer");
  const second = await person("reviewer", "second");
  const owner = await person("executive", "owner");
  const [bu] = await query<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`bu-j-${uid}`, `Journey BU ${uid}`, `CC-J-${uid}`],
  );
  const [team] = await query<{ id: string; slug: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id, slug`,
    [`journey-${uid}`, `Journey ${uid}`, bu.id],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [publisher.id, team.id]);

  // 1. The publisher starts from the file: name, display name, framework, task, licence, labels and an example are filled in.
  const pub = await signedIn(browser, publisher);
  await pub.getByRole("link", { name: "Publish", exact: true }).click();
  await pub.getByRole("link", { name: "New model" }).click();
  await pub.getByLabel("ONNX file").setInputFiles(ONNX);
  const name = `iris-journey-${uid}`;
  await expect(pub.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(pub.getByLabel("Display name")).toHaveValue(`Iris journey ${uid}`);
  await expect(pub.getByLabel("Framework")).toHaveValue("onnx");
  await expect(pub.getByLabel("Task")).toHaveValue("tabular-classification");
  await expect(pub.getByLabel("License")).toHaveValue("CC-BY-4.0");
  await expect(pub.getByTestId("feature-names")).toContainText("sepal_length, sepal_width, petal_length, petal_width");
  await expect(pub.getByTestId("class-labels")).toContainText("setosa, versicolor, virginica");
  const example = pub.getByLabel("Example input (JSON)");
  expect(JSON.parse(await example.inputValue())).toEqual({ features: [[0, 0, 0, 0]] });
  await example.fill('{"features": [[5.1, 3.5, 1.4, 0.2]]}');

  // The card starts from the template with the four headings review asks for; the publisher writes under them.
  const card = pub.getByLabel("Model card (Markdown)");
  const template = await card.inputValue();
  for (const heading of ["Intended use", "Limitations", "Training data", "Evaluation"]) expect(template).toContain(`## ${heading}`);
  expect(template.startsWith(`# Iris journey ${uid}`)).toBe(true);
  await card.fill(writeCard(template));
  await pub.getByLabel("Owning team").selectOption(team.slug);
  await pub.getByLabel("Business owner email").fill(owner.email);
  await pub.getByLabel("Risk level").selectOption("high");
  await pub.getByLabel("Summary").fill("Predicts the iris species from four measurements.");
  await pub.getByRole("button", { name: "Create model and draft version" }).click();
  await expect(pub).toHaveURL(new RegExp(`/publish/${team.slug}/${name}$`));
  await expect(pub.getByTestId("status-1.0.0")).toHaveText("draft");
  await expect(pub.getByTestId("card-preview")).toContainText("93% accuracy on the 30 held-out flowers.");
  const [model] = await query<{ id: string; riskLevel: string; license: string; businessOwnerId: string; framework: string }>(
    `SELECT id, "riskLevel", license, "businessOwnerId", framework FROM models WHERE slug = $1`,
    [`${team.slug}/${name}`],
  );
  expect(model).toMatchObject({ riskLevel: "high", license: "CC-BY-4.0", businessOwnerId: owner.id, framework: "onnx" });
  const [draft] = await query<{ id: string; status: string; exampleInput: unknown; outputSchema: Record<string, unknown> }>(
    `SELECT id, status, "exampleInput", "outputSchema" FROM model_versions WHERE "modelId" = $1`,
    [model.id],
  );
  expect(draft).toMatchObject({ status: "draft", exampleInput: { features: [[5.1, 3.5, 1.4, 0.2]] } });
  expect(draft.outputSchema["x-class-labels"]).toEqual(["setosa", "versicolor", "virginica"]);

  // 2. The checklist is visible before submitting; Submit waits for the one thing left: a successful run.
  const checklist = pub.getByTestId("checklist-1.0.0");
  await expect(checklist.locator("li[data-ok=false]")).toHaveCount(1);
  await expect(checklist.locator("li[data-ok=false]")).toContainText("Example runs");
  const submit = pub.getByRole("button", { name: "Submit 1.0.0 for review" });
  await expect(submit).toBeDisabled();
  await expect(pub.getByText("Submit is possible once the review checklist passes: 1 item left")).toBeVisible();
  await pub.getByRole("button", { name: "Run the example of 1.0.0" }).click();
  await expect(pub.getByLabel("Example result")).toContainText("HTTP 200");
  await expect(checklist.locator("li[data-ok=false]")).toHaveCount(0);
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(pub.getByTestId("status-1.0.0")).toHaveText("pending review");
  // After submitting: who reviews and what happens next.
  const next = pub.getByTestId("next-steps");
  await expect(next).toContainText(first.name);
  await expect(next).toContainText(second.name);
  await expect(next).toContainText("two approvals from different reviewers");
  const [submitted] = await query<{ status: string; submittedById: string }>(
    `SELECT status, "submittedById" FROM model_versions WHERE id = $1`,
    [draft.id],
  );
  expect(submitted).toEqual({ status: "pending_review", submittedById: publisher.id });
  const announced = await query<{ recipientId: string }>(
    `SELECT "recipientId" FROM notifications WHERE "versionId" = $1 AND kind = 'version.submitted'`,
    [draft.id],
  );
  expect(announced.map((n) => n.recipientId)).toEqual(expect.arrayContaining([first.id, second.id]));
  expect(announced.map((n) => n.recipientId)).not.toContain(publisher.id);

  // 3. The first reviewer sees the bell, opens the notification, runs the example and approves: 1 of 2.
  // (Other specs running at the same time may notify every reviewer too: counts are checked per version in the database.)
  const rev1 = await signedIn(browser, first);
  await expect(rev1.getByTestId("unread-count")).toHaveText(/^[1-9]/);
  await rev1.getByTestId("notification-bell").click();
  await rev1.getByRole("button", { name: `Unread: Iris journey ${uid} 1.0.0 is waiting for review` }).click();
  await expect(rev1).toHaveURL(new RegExp(`/review/${draft.id}$`));
  await expect(rev1.getByRole("heading", { name: `Iris journey ${uid} 1.0.0` })).toBeVisible();
  await expect(rev1.getByText(`submitted by ${publisher.name}`)).toBeVisible();
  await rev1.getByRole("button", { name: "Run example" }).click();
  await expect(rev1.getByLabel("Example result")).toContainText("HTTP 200");
  await rev1.getByRole("button", { name: "Approve" }).click();
  await expect(rev1.getByText("You have approved this version; a second reviewer must approve it too.")).toBeVisible();
  await rev1.goto("/review");
  await expect(rev1.getByTestId("waiting-for-me")).not.toContainText(name);
  const afterFirst = await query<{ status: string; reviews: string }>(
    `SELECT v.status, (SELECT count(*) FROM reviews r WHERE r."versionId" = v.id) AS reviews FROM model_versions v WHERE v.id = $1`,
    [draft.id],
  );
  expect(afterFirst).toEqual([{ status: "pending_review", reviews: "1" }]);
  const readState = await query<{ readAt: Date | null }>(
    `SELECT "readAt" FROM notifications WHERE "recipientId" = $1 AND "versionId" = $2`,
    [first.id, draft.id],
  );
  expect(readState).toHaveLength(1);
  expect(readState[0].readAt).not.toBeNull();

  // 4. The second reviewer has two notifications (the submission, the call for a second approval); the queue lists it for them.
  const rev2 = await signedIn(browser, second);
  await expect(rev2.getByTestId("unread-count")).toHaveText(/^[1-9]/);
  const forSecond = await query<{ kind: string }>(
    `SELECT kind FROM notifications WHERE "recipientId" = $1 AND "versionId" = $2 ORDER BY "createdAt"`,
    [second.id, draft.id],
  );
  expect(forSecond.map((n) => n.kind)).toEqual(["version.submitted", "version.approval_recorded"]);
  await rev2.getByTestId("notification-bell").click();
  await expect(rev2.getByRole("button", { name: `Unread: Iris journey ${uid} 1.0.0 needs a second approval` })).toBeVisible();
  await rev2.getByRole("link", { name: "Review queue" }).click();
  const mine = rev2.getByTestId("waiting-for-me");
  await expect(mine).toContainText(name);
  await expect(mine).toContainText("1 / 2");
  await mine.getByRole("link", { name: new RegExp(name) }).click();
  await rev2.getByRole("button", { name: "Run example" }).click();
  await expect(rev2.getByLabel("Example result")).toContainText('"label":[0]');
  await rev2.getByLabel("Comment (required to reject)").fill("Second look done.");
  await rev2.getByRole("button", { name: "Approve" }).click();
  await expect(rev2.getByText("This version is approved; there is nothing to decide.")).toBeVisible();
  const [approved] = await query<{ status: string; approvedById: string }>(
    `SELECT status, "approvedById" FROM model_versions WHERE id = $1`,
    [draft.id],
  );
  expect(approved).toEqual({ status: "approved", approvedById: second.id });

  // 5. The publisher hears of both approvals and sees the version approved.
  await pub.goto("/notifications");
  const notes = pub.getByTestId("notification");
  await expect(notes.first()).toContainText(`Iris journey ${uid} 1.0.0 is approved`);
  await expect(notes.first()).toContainText("Second look done.");
  await expect(pub.getByText(`Iris journey ${uid} 1.0.0: 1 of 2 approvals`)).toBeVisible();
  await pub.getByRole("button", { name: "Mark all as read" }).click();
  await expect(pub.getByText("All read.")).toBeVisible();
  await expect(pub.getByTestId("unread-count")).toHaveCount(0);
  const kinds = await query<{ kind: string; readAt: Date | null }>(
    `SELECT kind, "readAt" FROM notifications WHERE "recipientId" = $1 ORDER BY "createdAt"`,
    [publisher.id],
  );
  expect(kinds.map((k) => k.kind)).toEqual(["version.approval_recorded", "version.approved"]);
  expect(kinds.every((k) => k.readAt !== null)).toBe(true);
  await pub.goto(`/publish/${team.slug}/${name}`);
  await expect(pub.getByTestId("status-1.0.0")).toHaveText("approved");
});
