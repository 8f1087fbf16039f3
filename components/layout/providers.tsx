"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiError } from "@/lib/client/api";

// A refused request (4xx) fails the same way the second time; a network or server fault may not.
function retryOnceUnlessRefused(failures: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 1;
}

/** The browser's TanStack Query client: page data comes from server components, this holds what the browser reads itself. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: retryOnceUnlessRefused } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
