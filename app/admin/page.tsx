import type { Metadata } from "next";
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
      <DataTable
        caption="Users"
        columns={["Name", "Email", "Role", "Teams", "Last sign-in", "Status"]}
        empty="No users."
        rows={users.map((u) => [u.name, u.email, ROLE_LABELS[u.role], u.memberships.map((m) => m.team.name).join(", "), formatDate(u.lastLoginAt), u.disabled ? "disabled" : "active"])}
      />
    </div>
  );
}
