import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, PageTitle } from "@/components/data-table";
import { requireUser } from "@/lib/auth/require-user";
import { listUsers } from "@/lib/admin/list-users";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireUser("admin:manage");
  const users = await listUsers();
  return (
    <div>
      <PageTitle title="Users and roles" subtitle={`${users.length} users`} />
      <p className="mb-4 text-sm">
        <Link href="/admin/egress" className="text-indigo-700 underline">Egress allow-list</Link> — which private addresses model endpoints and webhooks may reach
      </p>
      <DataTable
        caption="Users"
        columns={["Name", "Email", "Role", "Teams", "Last sign-in", "Status"]}
        empty="No users."
        rows={users.map((u) => [u.name, u.email, ROLE_LABELS[u.role], u.memberships.map((m) => m.team.name).join(", "), formatDate(u.lastLoginAt), u.disabled ? "disabled" : "active"])}
      />
    </div>
  );
}
