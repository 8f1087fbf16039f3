import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

// Content-addressed artifact store on the local disk (ARTIFACT_DIR, default .data/artifacts): a file lives
// at sha256/<hex>.<ext>, so storing the same bytes twice is a no-op and a half-written file is never
// visible (temp file + rename in the same folder).

export type StoredArtifact = { path: string; sha256: string; size: number; created: boolean };

export function artifactDir(): string {
  return process.env.ARTIFACT_DIR || env().ARTIFACT_DIR;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Where the bytes with this digest live (relative to the working directory when ARTIFACT_DIR is). */
export function artifactPathFor(sha256: string, ext = "onnx"): string {
  return path.join(artifactDir(), "sha256", `${sha256}.${ext}`);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

/** Stores the bytes; `created` says whether this call wrote them (so a failed caller can undo only its own write). */
export async function storeArtifact(bytes: Uint8Array, ext = "onnx"): Promise<StoredArtifact> {
  const sha256 = sha256Of(bytes);
  const file = artifactPathFor(sha256, ext);
  if (await exists(file)) return { path: file, sha256, size: bytes.byteLength, created: false };
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, bytes, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { path: file, sha256, size: bytes.byteLength, created: true };
}

export async function removeArtifact(file: string): Promise<void> {
  await rm(file, { force: true });
}
