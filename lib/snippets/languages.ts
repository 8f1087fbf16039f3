// The client snippets offered for every model version, and how each language reads the API key from the
// MODELPORT_API_KEY environment variable instead of a literal (so a copied snippet never holds a secret).

/** What httpsnippet writes where the key goes; rewritten per language below. */
export const KEY_MARKER = "__MODELPORT_API_KEY__";

export type Language = {
  target: string;
  client: string;
  label: string;
  /** Rewrites the quoted header value that holds the key marker (quote char + text before "Bearer "). */
  keyFromEnv: (quote: string, before: string) => string;
  /** Lines the environment-variable form needs (e.g. an import). */
  envFixup?: (code: string) => string;
  /** Applied to both forms (e.g. printing the answer); `body` is the JSON text sent. */
  finish?: (code: string, body: string) => string;
};

export const LANGUAGES: Language[] = [
  {
    target: "shell", client: "curl", label: "cURL", keyFromEnv: (_q, before) => `"${before}Bearer $MODELPORT_API_KEY"`,
    // For bodies with a quote httpsnippet writes an unquoted heredoc, where the shell would expand $… and `…`.
    finish: (code) => code.replace(/--data @- <<EOF$/m, "--data @- <<'EOF'"),
  },
  {
    target: "python", client: "requests", label: "Python (requests)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q} + os.environ[${q}MODELPORT_API_KEY${q}]`,
    envFixup: (code) => code.replace(/^import requests$/m, "import os\nimport requests"),
  },
  {
    target: "javascript", client: "fetch", label: "JavaScript (fetch)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q} + MODELPORT_API_KEY`,
    // Browsers have no environment: the key comes from your own configuration, never from shipped code.
    envFixup: (code) => `const MODELPORT_API_KEY = "<your API key>"; // keep keys out of code you ship to browsers\n\n${code}`,
  },
  { target: "node", client: "fetch", label: "Node.js (fetch)", keyFromEnv: (_q, before) => `\`${before}Bearer \${process.env.MODELPORT_API_KEY}\`` },
  {
    target: "go", client: "native", label: "Go (net/http)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q}+os.Getenv(${q}MODELPORT_API_KEY${q})`,
    envFixup: (code) => code.replace(/^import \(\n/m, 'import (\n\t"os"\n'),
  },
  { target: "java", client: "nethttp", label: "Java (HttpClient)", keyFromEnv: (q, before) => `${q}${before}Bearer ${q} + System.getenv(${q}MODELPORT_API_KEY${q})` },
  { target: "csharp", client: "httpclient", label: "C# (HttpClient)", keyFromEnv: (q, before) => `${q}${before}Bearer ${q} + Environment.GetEnvironmentVariable(${q}MODELPORT_API_KEY${q})` },
  { target: "ruby", client: "native", label: "Ruby (net/http)", keyFromEnv: (_q, before) => `"${before}Bearer #{ENV.fetch('MODELPORT_API_KEY')}"` },
  { target: "php", client: "curl", label: "PHP (cURL)", keyFromEnv: (q, before) => `${q}${before}Bearer ${q} . getenv(${q}MODELPORT_API_KEY${q})` },
  {
    target: "powershell", client: "restmethod", label: "PowerShell",
    keyFromEnv: (_q, before) => `"${before}Bearer $env:MODELPORT_API_KEY"`,
    // httpsnippet leaves single quotes unescaped inside -Body '…'; PowerShell escapes them by doubling.
    finish: (code, body) =>
      `${code.replace(`-Body '${body}'`, () => `-Body '${body.replaceAll("'", "''")}'`)}\n$response | ConvertTo-Json -Depth 20`,
  },
];
