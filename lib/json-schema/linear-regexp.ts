import type { RegExpEngine } from "ajv/dist/types";
import { RE2JS } from "re2js";

/**
 * Ajv's regular-expression engine for schema `pattern`, `patternProperties` and `propertyNames`: RE2
 * (the pure-JS port `re2js`), which matches in time linear in the input, so no publisher-written pattern can
 * stall the event loop (`^(\w+\s?)*$` against 30 characters took 1.4 s with RegExp, doubling per character).
 * RE2 has no lookaround or backreferences; such a pattern fails to compile, which publishing reports as a 422.
 */
class LinearPattern {
  private readonly re: RE2JS;
  constructor(private readonly source: string) {
    this.re = RE2JS.compile(RE2JS.translateRegExp(source));
  }
  /** Unanchored search, like RegExp.prototype.test (JSON Schema patterns are not implicitly anchored). */
  test(input: string): boolean {
    return this.re.test(input);
  }
  // Ajv keys its per-schema pattern cache by toString(): it must differ per pattern.
  toString(): string {
    return `re2:/${this.source}/`;
  }
}

export const linearRegExp: RegExpEngine = Object.assign((pattern: string) => new LinearPattern(pattern), {
  code: 'require("re2js")', // only read by Ajv's standalone code generation, which Modelport does not use
});
