import { expect, test, type Page } from "@playwright/test";
import { createPerson, query, signIn } from "./support";

// Stars and collections through the UI (issue 15 §5), at desktop width and on a 390 px phone: a new person
// stars a model, starts a collection from the model page with a note, adds a second model, reorders, and
// finds it all again — on the page and in the database.

const FIRST = "ml-platform/iris-classifier";
const SECOND = "ml-platform/penguin-species-classifier";

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth} px wide in a ${clientWidth} px window`).toBeLessThanOrEqual(clientWidth);
}

const starsOf = async (slug: string) =>
  Number(
    (await query<{ n: string }>(`SELECT count(*) AS n FROM model_stars s JOIN models m ON m.id = s."modelId" WHERE m.slug = $1`, [slug]))[0]
      .n,
  );

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["390 px phone", { width: 390, height: 844 }],
] as const) {
  test.describe(label, () => {
    test.use({ viewport });

    test(`stars a model and builds a collection through the UI (${label})`, async ({ page }) => {
      const person = await createPerson("consumer", `Curator ${label}`);
      // A demo model (specs running alongside add models of their own, some with made-up slugs).
      const [second] = await query<{ slug: string; displayName: string }>(
        `SELECT slug, "displayName" FROM models WHERE slug = $1 AND 'approved' = ANY("catalogStatuses") AND visibility = 'public'`,
        [SECOND],
      );
      const title = `Tabular starters ${person.name}`;
      await signIn(page, person.email, person.password);

      // Star the first model; the button and its count follow, and the database has the star.
      await page.goto(`/models/${FIRST}`);
      const star = page.getByRole("button", { name: /^Star \(/ });
      await star.click();
      const starred = page.getByRole("button", { name: /^Starred \(/ });
      await expect(starred).toHaveAttribute("aria-pressed", "true");
      await expect(starred.getByTestId("star-count")).toHaveText(String(await starsOf(FIRST)));
      expect(
        await query(`SELECT 1 FROM model_stars s JOIN models m ON m.id = s."modelId" WHERE m.slug = $1 AND s."userId" = $2`, [
          FIRST,
          person.id,
        ]),
      ).toHaveLength(1);
      await expectNoSidewaysScroll(page);

      // A new collection from the model page, with a note.
      const add = page.getByRole("form", { name: "Add to collection" });
      await expect(add.getByRole("combobox")).toHaveValue("__new__");
      await add.getByLabel(/Title of the new collection/).fill(title);
      await add.getByLabel("Note (optional)").fill("The classic first model");
      await add.getByRole("button", { name: "Add to collection" }).click();
      await expect(add.getByRole("status")).toContainText(`Added to ${title}`);
      await expect(page.getByRole("list", { name: "Collections holding this model" }).getByRole("link", { name: title })).toBeVisible();

      // A second model into the same collection, picked from the list.
      await page.goto(`/models/${second.slug}`);
      const addSecond = page.getByRole("form", { name: "Add to collection" });
      await addSecond.getByRole("combobox").selectOption({ label: title });
      await addSecond.getByRole("button", { name: "Add to collection" }).click();
      await addSecond.getByRole("status").getByRole("link", { name: title }).click();

      // The collection page: both models in order, with the note; move the second up.
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      const items = page.getByTestId("collection-item");
      await expect(items).toHaveCount(2);
      await expect(items.nth(0)).toContainText(FIRST);
      await expect(items.nth(0).getByRole("textbox")).toHaveValue("The classic first model");
      await expectNoSidewaysScroll(page);
      await page.getByRole("button", { name: `Move ${second.slug} up` }).click();
      await expect(items.nth(0)).toContainText(second.slug);
      const rows = await query<{ slug: string; position: number; note: string; title: string }>(
        `SELECT m.slug, i.position, i.note, c.title FROM collection_items i JOIN collections c ON c.id = i."collectionId"
           JOIN models m ON m.id = i."modelId" WHERE c."ownerUserId" = $1 ORDER BY i.position`,
        [person.id],
      );
      expect(rows).toEqual([
        { slug: second.slug, position: 0, note: "", title },
        { slug: FIRST, position: 1, note: "The classic first model", title },
      ]);

      // The collections page: starred models and the new collection, which stays private to its owner.
      await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Collections" }).click();
      await expect(page.getByRole("list", { name: "Starred models" }).getByText(FIRST)).toBeVisible();
      await expect(page.getByRole("list", { name: "My collections" }).getByRole("link", { name: new RegExp(title) })).toBeVisible();
      await expectNoSidewaysScroll(page);
      const audit = await query<{ action: string }>(`SELECT action FROM audit_events WHERE "actorId" = $1 ORDER BY id`, [person.id]);
      expect(audit.map((a) => a.action).filter((a) => a !== "auth.sign_in")).toEqual([
        "model.star",
        "collection.create",
        "collection.item_add",
        "collection.item_add",
        "collection.reorder",
      ]);
    });
  });
}
