import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/layout/providers";
import { MAIN_CONTENT_ID, SiteHeader } from "@/components/layout/site-header";
import { getCurrentUser } from "@/lib/auth/current-user";
import "./globals.css";

// Every page shows who is signed in, so nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Modelport", template: "%s · Modelport" },
  description: "Your company's model catalog: find, try and call machine-learning models, and see what they are worth.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>
          <SiteHeader user={user} />
          <main id={MAIN_CONTENT_ID} tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8 focus:outline-none">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
