import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { artifactPath, readArtifact, saveArtifact } from "./artifact-store";

describe("artifact store", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "modelport-artifacts-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stores bytes under their SHA-256 and reads them back", async () => {
    const bytes = new TextEncoder().encode("onnx bytes");
    const sha = createHash("sha256").update(bytes).digest("hex");
    const saved = await saveArtifact(bytes, path.join(dir, "nested"));
    expect(saved).toEqual({ key: `${sha}.onnx`, sha256: sha, size: bytes.byteLength, created: true });
    expect((await saveArtifact(bytes, path.join(dir, "nested"))).created).toBe(false);
    expect(artifactPath(saved.key, path.join(dir, "nested"))).toBe(path.join(dir, "nested", `${sha}.onnx`));
    expect(new Uint8Array(await readArtifact(saved.key, path.join(dir, "nested")))).toEqual(bytes);
  });

  it("is idempotent and leaves no temporary files", async () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const results = await Promise.all([saveArtifact(bytes, dir), saveArtifact(bytes, dir), saveArtifact(bytes, dir)]);
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect(readdirSync(dir)).toEqual([results[0].key]);
    const other = await saveArtifact(new Uint8Array([4, 3, 2, 1]), dir);
    expect(other.key).not.toBe(results[0].key);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it("uses ARTIFACT_DIR by default and refuses keys that are not content hashes", async () => {
    const previous = process.env.ARTIFACT_DIR;
    process.env.ARTIFACT_DIR = dir;
    try {
      const saved = await saveArtifact(new Uint8Array([9]));
      expect(readdirSync(dir)).toEqual([saved.key]);
      expect((await readArtifact(saved.key)).length).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.ARTIFACT_DIR;
      else process.env.ARTIFACT_DIR = previous;
    }
    for (const key of ["../etc/passwd", "abc.onnx", `${"a".repeat(64)}.onnx/../x`, `${"A".repeat(64)}.onnx`]) {
      expect(() => artifactPath(key, dir)).toThrow(/Not an artifact key/);
    }
    await expect(readArtifact("../../secret", dir)).rejects.toThrow(/Not an artifact key/);
  });
});
