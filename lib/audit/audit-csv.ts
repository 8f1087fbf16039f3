import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { toCsv, type CsvValue } from "@/lib/csv/to-csv";

const COLUMNS = ["id", "at", "actorId", "actorLabel", "action", "targetType", "targetId", "before", "after", "ip", "requestId"] as const;

/** RFC 4180 CSV of audit events, safe to open in a spreadsheet (lib/csv/to-csv.ts). */
export function auditEventsToCsv(rows: AuditEventRow[]): string {
  return toCsv(
    COLUMNS,
    rows.map((r) => COLUMNS.map((c) => r[c] as CsvValue)),
  );
}
