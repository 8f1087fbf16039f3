import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { resealSecrets } from "@/lib/secrets/reseal-secrets";
import { keyring, keyringOf, openSecret, sealSecret } from "@/lib/secrets/secret-box";

describe("resealSecrets (run by npm start)", () => {
  it("encrypts legacy plaintext and values under a previous key with the current key, and leaves unreadable ones", async () => {
    const { model } = await createModel();
    const old = keyringOf("retired-key-retired-key-retired", undefined);
    const stranger = keyringOf("nobody-has-this-key-nobody-has", undefined);
    const plain = await createVersion(model.id, {
      version: "1.0.0",
      runtime: "http",
      artifactPath: null,
      secretHeaderName: "x-api-key",
      secretHeaderValue: "plaintext-secret",
    });
    const rotated = await createVersion(model.id, {
      version: "1.1.0",
      runtime: "http",
      artifactPath: null,
      secretHeaderName: "x-api-key",
      secretHeaderValue: sealSecret("old-key-secret", old),
    });
    const lost = await createVersion(model.id, {
      version: "1.2.0",
      runtime: "http",
      artifactPath: null,
      secretHeaderName: "x-api-key",
      secretHeaderValue: sealSecret("lost", stranger),
    });
    const current = keyring();
    const ring = keyringOf(process.env.MODELPORT_SECRET_KEY, "retired-key-retired-key-retired");

    const report = await resealSecrets(process.env.DATABASE_URL!, ring);
    expect(report.resealed).toBeGreaterThanOrEqual(2);
    expect(report.unreadable).toBeGreaterThanOrEqual(1);
    const stored = async (id: string) => (await db.modelVersion.findUniqueOrThrow({ where: { id } })).secretHeaderValue!;
    expect(await stored(plain.id)).toMatch(new RegExp(`^enc:v1:${current.current!.id}:`));
    expect(openSecret(await stored(plain.id), current)).toBe("plaintext-secret");
    expect(openSecret(await stored(rotated.id), current)).toBe("old-key-secret");
    expect(await stored(lost.id)).toBe(lost.secretHeaderValue);

    // Idempotent: these rows are left as they are (other test files may add plaintext rows meanwhile).
    const before = [await stored(plain.id), await stored(rotated.id), await stored(lost.id)];
    await resealSecrets(process.env.DATABASE_URL!, ring);
    expect([await stored(plain.id), await stored(rotated.id), await stored(lost.id)]).toEqual(before);
  });
});
