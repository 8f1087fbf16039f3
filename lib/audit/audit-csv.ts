import type { AuditEventRow } from "@/lib/audit/list-audit-events";

const COLUMNS = ["id", "at", "actorId", "actorLabel", "action", "targetType", "targetId", "before", "after", "ip", "requestId"] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : JSON.stringify(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV of audit events, safe to open in a spreadsheet. */
export function auditEventsToCsv(rows: AuditEventRow[]): string {
  return [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}
