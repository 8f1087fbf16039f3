import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { ActionForm } from "@/components/ui/action-form";
import { AdminNav } from "@/components/admin/admin-nav";
import { signOutUserAction, updateUserAction } from "@/app/admin/actions";
import { requireUser } from "@/lib/auth/require-user";
import { listUsers } from "@/lib/admin/list-users";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const me = await requireUser("admin:manage");
  const users = await listUsers();
  return (
    <div>
      <AdminNav />
      <PageTitle title="Users and roles" subtitle={`${users.length} users. Every change is recorded in the audit trail.`} />
      <DataTable
        caption="Users"
        columns={["Name", "Email", "Teams", "Last sign-in", "Role and status", "Sessions"]}
        empty="No users."
        rows={users.map((u) => [
          u.name,
          u.email,
          u.memberships.map((m) => m.team.name).join(", "),
          formatDate(u.lastLoginAt),
          u.id === me.id ? (
            `${ROLE_LABELS[u.role]} (you)`
          ) : (
            <ActionForm key={u.id} action={updateUserAction} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="userId" value={u.id} />
              <label className="sr-only" htmlFor={`role-${u.id}`}>
                Role of {u.email}
              </label>
              <select id={`role-${u.id}`} name="role" defaultValue={u.role} className="rounded border border-slate-300 px-1 py-0.5">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
              <label className="sr-only" htmlFor={`dis-${u.id}`}>
                Status of {u.email}
              </label>
              <select
                id={`dis-${u.id}`}
                name="disabled"
                defaultValue={String(u.disabled)}
                className="rounded border border-slate-300 px-1 py-0.5"
              >
                <option value="false">active</option>
                <option value="true">disabled</option>
              </select>
              <button className="rounded border border-slate-300 px-2 py-0.5">Save</button>
            </ActionForm>
          ),
          <ActionForm key={`s-${u.id}`} action={signOutUserAction} className="flex flex-col gap-1">
            <input type="hidden" name="userId" value={u.id} />
            <button className="whitespace-nowrap rounded border border-slate-300 px-2 py-0.5" aria-label={`Sign out ${u.email} everywhere`}>
              Sign out everywhere
            </button>
          </ActionForm>,
        ])}
      />
    </div>
  );
}
