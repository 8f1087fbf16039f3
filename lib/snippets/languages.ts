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
    target: "shell",
    client: "curl",
    label: "cURL",
    keyFromEnv: (_q, before) => `"${before}Bearer $MODELPORT_API_KEY"`,
    // For bodies with a quote httpsnippet writes an unquoted heredoc, where the shell would expand $… and `…`.
    finish: (code) => code.replace(/--data @- <<EOF$/m, "--data @- <<'EOF'"),
  },
  {
    target: "python",
    client: "requests",
    label: "Python (requests)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q} + os.environ[${q}MODELPORT_API_KEY${q}]`,
    envFixup: (code) => code.replace(/^import requests$/m, "import os\nimport requests"),
  },
  {
    target: "javascript",
    client: "fetch",
    label: "JavaScript (fetch)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q} + MODELPORT_API_KEY`,
    // Browsers have no environment: the key is written into the page, so say what that means.
    envFixup: (code) => `const MODELPORT_API_KEY = "<your API key>";\n\n${code}`,
    finish: (code) => `${BROWSER_WARNING}\n${code}`,
  },
  {
    target: "node",
    client: "fetch",
    label: "Node.js (fetch)",
    keyFromEnv: (_q, before) => `\`${before}Bearer \${process.env.MODELPORT_API_KEY}\``,
    // console.log(json) prints nested arrays as "[Array]" (the probabilities!): print the JSON, like the other snippets.
    finish: (code) => code.replace(".then(json => console.log(json))", ".then(json => console.log(JSON.stringify(json, null, 2)))"),
  },
  {
    target: "go",
    client: "native",
    label: "Go (net/http)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q}+os.Getenv(${q}MODELPORT_API_KEY${q})`,
    envFixup: (code) => code.replace(/^import \(\n/m, 'import (\n\t"os"\n'),
  },
  {
    target: "java",
    client: "nethttp",
    label: "Java (HttpClient)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q} + System.getenv(${q}MODELPORT_API_KEY${q})`,
    // httpsnippet writes statements only: a program needs its imports, a class and main.
    finish: (code) => javaProgram(code),
  },
  {
    target: "csharp",
    client: "httpclient",
    label: "C# (HttpClient)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q} + Environment.GetEnvironmentVariable(${q}MODELPORT_API_KEY${q})`,
    finish: (code) => csharpProgram(code),
  },
  {
    target: "ruby",
    client: "native",
    label: "Ruby (net/http)",
    keyFromEnv: (_q, before) => `"${before}Bearer #{ENV.fetch('MODELPORT_API_KEY')}"`,
  },
  {
    target: "php",
    client: "curl",
    label: "PHP (cURL)",
    keyFromEnv: (q, before) => `${q}${before}Bearer ${q} . getenv(${q}MODELPORT_API_KEY${q})`,
  },
  {
    target: "powershell",
    client: "restmethod",
    label: "PowerShell",
    keyFromEnv: (_q, before) => `"${before}Bearer $env:MODELPORT_API_KEY"`,
    // httpsnippet leaves single quotes unescaped inside -Body '…'; PowerShell escapes them by doubling.
    finish: (code, body) =>
      `${code.replace(`-Body '${body}'`, () => `-Body '${body.replaceAll("'", "''")}'`)}\n$response | ConvertTo-Json -Depth 20`,
  },
];

const BROWSER_WARNING = `// In a web page served from one of your app's allowed browser origins (My apps → Allowed browser origins);
// the browser refuses the answer on any other origin (CORS).
// Warning: everyone who can open the page can read the key in it. Give the page a key of its own that may only
// call this model, revoke it if it leaks, and call Modelport from your server instead wherever you can.`;

const indent = (code: string, by: string) =>
  code
    .split("\n")
    .map((line) => (line ? by + line : line))
    .join("\n");

/** httpsnippet's Java statements as a program that compiles (`javac Main.java && java Main`, or `java Main.java`). */
function javaProgram(statements: string): string {
  return `// Save as Main.java, then: javac Main.java && java Main   (Java 11 or newer)
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Main {
    public static void main(String[] args) throws Exception {
${indent(statements.trimEnd(), "        ")}
    }
}`;
}

/**
 * httpsnippet's C# top-level statements as a program that builds with the .NET SDK and with Mono's compiler
 * (which has no async Main), printing the answer whatever its status, like the other snippets.
 */
function csharpProgram(statements: string): string {
  const body = statements.replace(/^using System\.Net\.Http\.Headers;\n/m, "").replace(/^\s*response\.EnsureSuccessStatusCode\(\);\n/m, "");
  return `// Save as Program.cs; run with the .NET SDK (dotnet run) or Mono (mcs -r:System.Net.Http Program.cs && mono Program.exe).
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

public static class Program
{
    public static void Main() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
${indent(body.trimEnd(), "        ")}
    }
}`;
}
