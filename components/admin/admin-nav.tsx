import Link from "next/link";

export function AdminNav() {
  return (
    <nav aria-label="Admin" className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
      <Link className="text-sky-700 underline" href="/admin">
        Users
      </Link>
      <Link className="text-sky-700 underline" href="/admin/organisation">
        Teams and business units
      </Link>
      <Link className="text-sky-700 underline" href="/admin/audit">
        Audit trail
      </Link>
      <Link className="text-sky-700 underline" href="/admin/webhooks">
        Webhooks
      </Link>
      <Link className="text-sky-700 underline" href="/admin/egress">
        Egress allow-list
      </Link>
      <Link className="text-sky-700 underline" href="/admin/rates">
        Hardware rates
      </Link>
      <Link className="text-sky-700 underline" href="/budgets">
        Budgets
      </Link>
      <Link className="text-sky-700 underline" href="/admin/rollups">
        Usage roll-ups
      </Link>
    </nav>
  );
}
