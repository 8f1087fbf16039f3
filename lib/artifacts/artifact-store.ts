import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

// The one artifact store (uploaded ONNX files; seeded demo models too): content-addressed, a file's key
// is `<sha256>.onnx` inside ARTIFACT_DIR, so saving the same bytes twice is a no-op and a key always names
// exactly one content. Versions store the key, not a path, so the folder can move. Writes go to a temporary
// file that is renamed into place, so a reader never sees a half-written artifact.

export type SavedArtifact = { key: string; sha256: string; size: number; /** this call wrote the file */ created: boolean };

const KEY_PATTERN = /^[0-9a-f]{64}\.onnx$/;

function defaultDir(): string {
  return process.env.ARTIFACT_DIR || ".data/artifacts";
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The file of an artifact key; refuses anything that is not a key (no path tricks). */
export function artifactPath(key: string, dir: string = defaultDir()): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`Not an artifact key: ${JSON.stringify(key)}`);
  return path.join(path.resolve(dir), key);
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

export async function saveArtifact(bytes: Uint8Array, dir: string = defaultDir()): Promise<SavedArtifact> {
  const sha256 = sha256Of(bytes);
  const key = `${sha256}.onnx`;
  const target = artifactPath(key, dir);
  if ((await sizeOf(target)) === bytes.byteLength) return { key, sha256, size: bytes.byteLength, created: false };

  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { key, sha256, size: bytes.byteLength, created: true };
}

export async function readArtifact(key: string, dir: string = defaultDir()): Promise<Buffer> {
  return readFile(artifactPath(key, dir));
}

export async function removeArtifact(key: string, dir: string = defaultDir()): Promise<void> {
  await rm(artifactPath(key, dir), { force: true });
}
