import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { findHealthVersion, type VersionRef } from "@/lib/model-health/find-health-version";
import type { CapturesQuery } from "@/lib/model-health/schemas";
import { db } from "@/lib/server/db";

const EXPORT_LIMIT = 100_000;

type CaptureRow = { id: bigint; requestId: string; at: Date; input: unknown; output: unknown };
const view = (r: CaptureRow) => ({ id: r.id.toString(), requestId: r.requestId, at: r.at.toISOString(), input: r.input, output: r.output });

/** A page of a version's captured payloads, newest first (owners, reviewers, admins). */
export async function listCaptures(principal: Principal | null, ref: VersionRef, query: Pick<CapturesQuery, "page" | "pageSize">) {
  const v = await findHealthVersion(principal, ref, "browse");
  const [rows, total] = await Promise.all([
    db.payloadCapture.findMany({
      where: { versionId: v.id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { id: true, requestId: true, at: true, input: true, output: true },
    }),
    db.payloadCapture.count({ where: { versionId: v.id } }),
  ]);
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

/** Every captured payload of a version as JSON Lines, oldest first, read in pages (the download). */
export async function* exportCaptures(principal: Principal | null, ref: VersionRef): AsyncGenerator<string> {
  const v = await findHealthVersion(principal, ref, "browse");
  let after = BigInt(-1);
  let sent = 0;
  while (sent < EXPORT_LIMIT) {
    const rows = await db.payloadCapture.findMany({
      where: { versionId: v.id, id: { gt: after } },
      orderBy: { id: "asc" },
      take: 1000,
      select: { id: true, requestId: true, at: true, input: true, output: true },
    });
    if (rows.length === 0) return;
    yield rows.map((r) => JSON.stringify(view(r))).join("\n") + "\n";
    after = rows[rows.length - 1].id;
    sent += rows.length;
  }
}
