"use client";

import Editor, { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";

// Loaded only through next/dynamic when the console opens. Monaco comes from the local package instead of
// @monaco-editor/react's default CDN, and so do its web workers (bundled via new URL(…, import.meta.url)).
declare global {
  interface Window {
    MonacoEnvironment?: { getWorker: (workerId: string, label: string) => Worker };
  }
}

if (typeof window !== "undefined" && !window.MonacoEnvironment) {
  window.MonacoEnvironment = {
    getWorker(_workerId, label) {
      if (label === "json") return new Worker(new URL("./workers/json.worker.ts", import.meta.url), { type: "module" });
      return new Worker(new URL("./workers/editor.worker.ts", import.meta.url), { type: "module" });
    },
  };
}
loader.config({ monaco });

export default function MonacoJsonEditor({ value, onChange, label }: { value: string; onChange: (value: string) => void; label: string }) {
  return (
    <div data-testid="monaco-editor" className="overflow-hidden rounded border border-slate-300">
      <Editor
        height="260px"
        defaultLanguage="json"
        value={value}
        onChange={(v) => onChange(v ?? "")}
        options={{
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          tabSize: 2,
          ariaLabel: label,
          automaticLayout: true,
        }}
      />
    </div>
  );
}
