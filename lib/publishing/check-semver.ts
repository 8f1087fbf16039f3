import semver from "semver";
import { AppError } from "@/lib/server/errors";

/** Largest major, minor or patch number (PostgreSQL integer). */
export const MAX_PART = 2_147_483_647;

export type ParsedVersion = { version: string; major: number; minor: number; patch: number; prerelease: string };

/** Parses a semantic version (422 invalid_semver with the reason when it is not one). */
export function parseSemver(raw: string): ParsedVersion {
  const parsed = semver.parse(raw.trim());
  if (!parsed) {
    const reason = /^v?\d+(\.\d+)?$/.test(raw.trim())
      ? `"${raw}" is missing parts: a version has three numbers, MAJOR.MINOR.PATCH (e.g. 1.2.0).`
      : `"${raw}" is not a semantic version: use MAJOR.MINOR.PATCH with an optional -prerelease (e.g. 1.2.0 or 2.0.0-rc.1).`;
    throw new AppError("invalid_semver", reason, { details: { field: "version" } });
  }
  // Each part is stored as a PostgreSQL integer.
  const tooBig = (["major", "minor", "patch"] as const).find((part) => parsed[part] > MAX_PART);
  if (tooBig) {
    throw new AppError("invalid_semver", `"${raw}": the ${tooBig} number is larger than ${MAX_PART}, the largest a version part may be.`, {
      details: { field: "version" },
    });
  }
  if (parsed.build.length) {
    throw new AppError(
      "invalid_semver",
      `"${raw}" has build metadata (+${parsed.build.join(".")}), which does not order versions; leave it out.`,
      { details: { field: "version" } },
    );
  }
  return {
    version: parsed.version,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease: parsed.prerelease.join("."),
  };
}

/**
 * A new version must be greater than every version the model already has (whatever their status). One that
 * already exists is a 409 conflict (the product's contract); one lower than the latest is 422 invalid_semver.
 */
export function assertGreaterThanExisting(next: ParsedVersion, existing: string[]): void {
  if (existing.some((v) => semver.valid(v) && semver.eq(v, next.version))) {
    throw new AppError("conflict", `Version ${next.version} already exists; use a greater version than ${latestOf(existing)}.`, {
      details: { field: "version", latest: latestOf(existing) },
    });
  }
  const latest = latestOf(existing);
  if (latest && !semver.gt(next.version, latest)) {
    throw new AppError(
      "invalid_semver",
      `Version ${next.version} is lower than ${latest}, the model's latest version; a new version must be greater.`,
      {
        details: { field: "version", latest },
      },
    );
  }
}

const latestOf = (existing: string[]) => existing.filter((v) => semver.valid(v)).sort(semver.rcompare)[0];
