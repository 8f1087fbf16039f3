import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/catalog/render-markdown";

describe("renderMarkdown", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown(
      "# Iris\n\nA **small** model.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint(1)\n```\n\n[docs](https://example.com)",
    );
    expect(html).toContain("<h2>Iris</h2>"); // one level below the page's own h1
    expect(html).not.toContain("<h1");
    expect(html).toContain("<strong>small</strong>");
    expect(html).toContain("<table>");
    expect(html).toContain('<code class="language-python">');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow">docs</a>');
  });

  it("never lets script run: script tags, event handlers and javascript: links are removed", () => {
    const html = renderMarkdown(
      [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(2)">',
        "[click](javascript:alert(3))",
        '<a href="JaVaScRiPt:alert(4)">x</a>',
        '<a href="data:text/html,<script>alert(5)</script>">y</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<div style="background:url(javascript:alert(6))" onclick="alert(7)">z</div>',
        "<svg><script>alert(8)</script></svg>",
        '<p onmouseover="alert(9)">hover</p>',
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\bon[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/data:text/i);
    expect(html).not.toMatch(/<iframe|<svg|style=/i);
    expect(html).toContain("hover");
  });

  it("keeps version pins as text and links real email addresses", () => {
    const html = renderMarkdown("Depends on name@1.2.1 and torch@2.3; ask team-ml@example.com or <ops@corp.example.org>.");
    expect(html).not.toContain("mailto:name@1.2.1");
    expect(html).toContain("name@1.2.1");
    expect(html).toContain("torch@2.3;");
    expect(html).toContain('<a href="mailto:team-ml@example.com" rel="noopener noreferrer nofollow">team-ml@example.com</a>');
    expect(html).toContain('href="mailto:ops@corp.example.org"');
    expect(renderMarkdown("x<y@1.0")).not.toMatch(/<y/);
  });
});
