import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { ActionForm } from "@/components/ui/action-form";
import { createWebhookAction, toggleWebhookAction } from "@/app/admin/actions";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireUser } from "@/lib/auth/require-user";
import { WEBHOOK_EVENTS } from "@/lib/governance/schemas";
import { listWebhooksWithDeliveries } from "@/lib/governance/webhooks/manage-webhooks";

export const metadata: Metadata = { title: "Webhooks" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace("T", " ") : "—");

export default async function WebhooksPage() {
  const user = await requireUser("admin:manage");
  const { hooks, deliveries } = await listWebhooksWithDeliveries({ user });
  return (
    <div className="space-y-8">
      <AdminNav />
      <PageTitle
        title="Webhooks"
        subtitle="Lifecycle events are POSTed as JSON, signed: X-Modelport-Signature = sha256=HMAC(secret, timestamp + '.' + body), with X-Modelport-Timestamp. Internal addresses need an egress allow-list entry."
      />
      <section className="space-y-2" aria-labelledby="reg-h">
        <h2 id="reg-h" className="text-lg font-semibold">
          Register a webhook
        </h2>
        <ActionForm action={createWebhookAction} className="space-y-2">
          <label className="block text-sm">
            URL{" "}
            <input
              name="url"
              type="url"
              required
              placeholder="https://hooks.example.com/modelport"
              className="w-full max-w-xl rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <fieldset className="flex flex-wrap gap-3 text-sm">
            <legend className="mb-1 font-medium">Events</legend>
            {WEBHOOK_EVENTS.map((e) => (
              <label key={e} className="flex items-center gap-1">
                <input type="checkbox" name="events" value={e} defaultChecked /> {e}
              </label>
            ))}
          </fieldset>
          <button className="rounded bg-slate-900 px-3 py-1 text-sm text-white">Register</button>
        </ActionForm>
      </section>
      <DataTable
        caption="Webhooks"
        columns={["URL", "Events", "Status", ""]}
        empty="No webhooks registered."
        rows={hooks.map((h) => [
          h.url,
          h.events.join(", "),
          h.active ? "active" : "paused",
          <ActionForm key={h.id} action={toggleWebhookAction}>
            <input type="hidden" name="id" value={h.id} />
            <input type="hidden" name="active" value={String(!h.active)} />
            <button className="rounded border border-slate-300 px-2 py-0.5 text-sm">{h.active ? "Pause" : "Resume"}</button>
          </ActionForm>,
        ])}
      />
      <section className="space-y-2" aria-labelledby="log-h">
        <h2 id="log-h" className="text-lg font-semibold">
          Delivery log (latest 100)
        </h2>
        <DataTable
          caption="Deliveries"
          columns={["Created", "Event", "URL", "Status", "Attempts", "Last answer", "Next attempt", "Delivered"]}
          empty="Nothing delivered yet."
          rows={deliveries.map((d) => [
            when(d.createdAt),
            d.event,
            d.webhook?.url ?? `${d.url ?? ""} (prediction)`,
            d.status,
            d.attempts,
            d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "—"),
            when(d.nextAttemptAt),
            when(d.deliveredAt),
          ])}
        />
      </section>
    </div>
  );
}
