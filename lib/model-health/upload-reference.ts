import "server-only";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import { loadVersionConfig } from "@/lib/gateway/load-version-config";
import { runVersion } from "@/lib/gateway/runtimes/run-version";
import { findHealthVersion, type HealthVersion, type VersionRef } from "@/lib/model-health/find-health-version";
import { readDataset, type DatasetBody, type DatasetFormat } from "@/lib/model-health/parse-dataset";
import { isMissing, profileRows, type FeatureProfile } from "@/lib/model-health/profile";
import { referenceView, saveReference } from "@/lib/model-health/reference-store";
import { inputFeatureNames, outputFeatureNames, tensorProperty, toRows, type Row } from "@/lib/model-health/rows";
import { maxReferenceBytes } from "@/lib/model-health/settings";
import { AppError } from "@/lib/server/errors";

const RUN_BATCH = 256;
const unprocessable = (message: string, details?: Record<string, unknown>) => new AppError("unprocessable", message, { details });

/**
 * Builds a version's reference profile from an uploaded dataset (CSV or JSONL, streamed, size-limited) and
 * stores it (owners only; audited). Inputs are the columns named by the input schema; outputs are the dataset's
 * output columns where it has them, else — for an ONNX version — the version's own answers on the rows; other
 * runtimes get their outputs from the first captured calls later (docs/decisions.md). Nothing is stored unless
 * every row is good.
 */
export async function uploadReference(input: {
  principal: Principal | null;
  actor: AuditActor;
  ref: VersionRef;
  body: DatasetBody;
  format: DatasetFormat;
  fileName: string | null;
}) {
  const v = await findHealthVersion(input.principal, input.ref, "own");
  const names = inputFeatureNames(v.inputSchema);
  if (names.length === 0)
    throw unprocessable("The version's input schema names no features to profile (scalar properties or x-feature-names).");
  const { rows, columns } = await readDataset(input.body, input.format, maxReferenceBytes());
  if (rows.length === 0) throw unprocessable("The dataset has no rows.");
  const absent = names.filter((n) => !columns.includes(n));
  if (absent.length > 0) throw unprocessable(`The dataset lacks the input columns ${absent.join(", ")}.`, { missingColumns: absent });
  if (tensorProperty(v.inputSchema)) assertNumeric(rows, names, input.format);
  const inputs = profileRows(rows, "input", names);
  const outputs = await outputProfiles(v, rows, names, columns);
  const saved = await saveReference({
    versionId: v.id,
    source: "upload",
    fileName: input.fileName,
    rowCount: rows.length,
    features: [...inputs, ...outputs],
    actor: input.actor,
  });
  return { ...referenceView(saved), ignoredColumns: columns.filter((c) => !names.includes(c) && !outputs.some((o) => o.name === c)) };
}

/** A tensor input takes numbers: a cell that is neither a number nor empty is a bad row. */
function assertNumeric(rows: Row[], names: string[], format: DatasetFormat) {
  for (const [i, row] of rows.entries())
    for (const n of names)
      if (!isMissing(row[n]) && typeof row[n] !== "number") {
        const line = format === "csv" ? i + 2 : i + 1;
        throw unprocessable(`Line ${line}: ${n} is not a number.`, { line, column: n });
      }
}

async function outputProfiles(v: HealthVersion, rows: Row[], names: string[], columns: string[]): Promise<FeatureProfile[]> {
  const outputNames = outputFeatureNames(v.outputSchema).filter((n) => columns.includes(n));
  if (outputNames.length > 0) return profileRows(rows, "output", outputNames);
  if (v.runtime !== "onnx") return [];
  const config = await loadVersionConfig(v.id, v.updatedAt);
  const tensor = tensorProperty(v.inputSchema);
  const complete = rows.filter((r) => names.every((n) => !isMissing(r[n])));
  const outputRows: Row[] = [];
  for (let i = 0; i < complete.length; i += RUN_BATCH) {
    const batch = complete.slice(i, i + RUN_BATCH);
    const calls = tensor
      ? [{ [tensor]: batch.map((r) => names.map((n) => r[n])) }]
      : batch.map((r) => Object.fromEntries(names.map((n) => [n, r[n]])));
    for (const call of calls) {
      try {
        const { output } = await runVersion({ config, input: call, requestId: "reference" });
        outputRows.push(...toRows(v.outputSchema, output, "output"));
      } catch (error) {
        throw unprocessable(`The version could not run on the dataset's rows: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return profileRows(outputRows, "output");
}
