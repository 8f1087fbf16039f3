import "server-only";
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// GFM turns anything shaped like user@host.part into a mailto: link, so a package pin such as `name@1.2.1`
// became an email address. Only addresses whose domain ends in a name (a TLD) are linked; the rest stays text.
const marked = new Marked(
  { gfm: true, breaks: false, async: false },
  {
    tokenizer: {
      url(src) {
        const match = this.rules.inline.url.exec(src);
        // undefined: no link here (the text tokenizer takes it); false: marked's own autolink.
        return match && match[2] === "@" && !/\.[a-z]{2,}$/i.test(match[0]) ? undefined : false;
      },
    },
  },
);

// Allow-list: ordinary document markup only. No scripts, styles, iframes, forms or event handlers; links
// only to http(s), mailto and in-page anchors (so `javascript:` and `data:` URLs are dropped).
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "span",
    "input",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    code: ["class"],
    th: ["align"],
    td: ["align"],
    input: ["type", "checked", "disabled"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  allowedClasses: { code: [/^language-[\w-]+$/] },
  // The page's title is its one h1; a card's headings sit one level below it (# → h2 … ##### and ###### → h6).
  transformTags: {
    h1: "h2",
    h2: "h3",
    h3: "h4",
    h4: "h5",
    h5: "h6",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow" } }),
    input: (tagName, attribs) =>
      attribs.type === "checkbox" ? { tagName, attribs: { ...attribs, disabled: "" } } : { tagName: "span", attribs: {} },
  },
};

/** Renders a model card (Markdown written by publishers) to HTML that is safe to inject into a page. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, OPTIONS);
}
