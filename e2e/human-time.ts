import type { Locator } from "@playwright/test";

// How long a journey takes a person, estimated with the keystroke-level model (Card, Moran & Newell, 1980) from
// what the spec actually did in the browser and the terminal: every click, every typed character, every region
// read. The spec does each action through a Person, so the count cannot drift from the steps it tests. The
// automated duration (wall-clock time the spec spent on each person's steps) is printed beside it; neither is
// asserted: the figures go to docs/benchmarks.md ("Journey").

/** Operator times in seconds; words per minute for silent reading of non-fiction (Brysbaert, 2019). */
export const KLM = { point: 1.1, click: 0.2, keystroke: 0.28, homing: 0.4, mental: 1.35, wordsPerMinute: 238 } as const;

type Tally = { clicks: number; keys: number; typed: number; words: number; mental: number; homing: number; wallMs: number };
const empty = (): Tally => ({ clicks: 0, keys: 0, typed: 0, words: 0, mental: 0, homing: 0, wallMs: 0 });

export function klmSeconds(t: Tally): number {
  return (
    t.clicks * (KLM.point + KLM.click) +
    (t.keys + t.typed) * KLM.keystroke +
    t.homing * KLM.homing +
    t.mental * KLM.mental +
    (t.words / KLM.wordsPerMinute) * 60
  );
}

/** One person's actions in one phase of the journey ("publisher", "consumer: search → working snippets", …). */
export class Person {
  private hand: "mouse" | "keyboard" = "mouse";
  constructor(private readonly tally: Tally) {}

  /** Points at something and clicks it (a link, a button, a tab, a file in a file dialog). */
  async click(target: Locator) {
    this.act("mouse");
    this.tally.clicks += 1;
    await target.click();
  }

  /** Picks an option of a select: a click to open it, a click on the option. */
  async select(target: Locator, option: string | { label: string }) {
    this.act("mouse");
    this.tally.clicks += 2;
    await target.selectOption(option);
  }

  /** Ticks a radio button or a checkbox. */
  async check(target: Locator) {
    this.act("mouse");
    this.tally.clicks += 1;
    await target.check();
  }

  /**
   * Clicks into a field and types `typed`: what the person types, where `value` is the field's resulting text
   * (e.g. a prefilled field they edit). `places` counts separate spots typed at (click, select, type at each).
   */
  async type(target: Locator, typed: string, value = typed, places = 1) {
    for (let i = 0; i < places; i++) {
      this.act("mouse");
      this.tally.clicks += places > 1 ? 2 : 1;
      this.act("keyboard", false);
    }
    this.tally.typed += typed.length;
    await target.fill(value);
  }

  /** Picks a file: a click on the field, a click on the file in the dialog, a click on Open. */
  async upload(target: Locator, file: string) {
    this.act("mouse");
    this.tally.clicks += 3;
    await target.setInputFiles(file);
  }

  /** Key presses that are not text: Enter, Ctrl+V (2), Alt+Tab (2), Ctrl+D (2). */
  keys(count: number) {
    this.act("keyboard");
    this.tally.keys += count;
  }

  /** Types a command in a terminal (the spec runs that same command). */
  command(text: string) {
    this.act("keyboard");
    this.tally.typed += text.length + 1; // + Enter
  }

  /** Reads a region of the page at silent-reading speed; returns its text. */
  async read(region: Locator): Promise<string> {
    const text = await region.innerText();
    this.readText(text);
    return text;
  }

  /** Reads a known text (e.g. a program's output in the terminal): words, or 6 characters a word for code and JSON. */
  readText(text: string) {
    this.tally.mental += 1;
    this.tally.words += Math.max(text.split(/\s+/).filter(Boolean).length, Math.ceil(text.length / 6));
  }

  /** Every action starts with a moment of mental preparation; moving between mouse and keyboard costs a homing. */
  private act(hand: "mouse" | "keyboard", prepare = true) {
    if (prepare) this.tally.mental += 1;
    if (hand !== this.hand) this.tally.homing += 1;
    this.hand = hand;
  }
}

/** The journey's clock: phases in order, each with its person's actions and the spec's wall-clock time. */
export class JourneyClock {
  private readonly phases = new Map<string, Tally>();

  /** Runs one phase's steps as `name`; time spent outside phases (setup, database checks between them) is not counted. */
  async phase<T>(name: string, steps: (person: Person) => Promise<T>): Promise<T> {
    const tally = this.phases.get(name) ?? empty();
    this.phases.set(name, tally);
    const started = performance.now();
    try {
      return await steps(new Person(tally));
    } finally {
      tally.wallMs += performance.now() - started;
    }
  }

  seconds(names: string[]): { human: number; automated: number } {
    const picked = names.map((n) => this.phases.get(n) ?? empty());
    return { human: picked.reduce((s, t) => s + klmSeconds(t), 0), automated: picked.reduce((s, t) => s + t.wallMs / 1000, 0) };
  }

  /** A plain-text table: per phase its actions, the automated duration and the KLM estimate of human time. */
  report(totals: { label: string; phases: string[]; goalSeconds?: number }[]): string {
    const fmt = (s: number) =>
      `${Math.floor(s / 60)}:${Math.round(s % 60)
        .toString()
        .padStart(2, "0")}`;
    const lines = [
      "phase | clicks | typed chars | other keys | words read | mental acts | automated | human (KLM)",
      "--- | ---: | ---: | ---: | ---: | ---: | ---: | ---:",
    ];
    for (const [name, t] of this.phases) {
      lines.push(
        `${name} | ${t.clicks} | ${t.typed} | ${t.keys} | ${t.words} | ${t.mental} | ${(t.wallMs / 1000).toFixed(1)} s | ${fmt(klmSeconds(t))}`,
      );
    }
    for (const total of totals) {
      const { human, automated } = this.seconds(total.phases);
      const goal = total.goalSeconds === undefined ? "" : ` (goal ≤ ${fmt(total.goalSeconds)})`;
      lines.push(`**${total.label}** | | | | | | ${automated.toFixed(1)} s | **${fmt(human)}**${goal}`);
    }
    lines.push(
      `KLM: ${KLM.point} s point + ${KLM.click} s click, ${KLM.keystroke} s per keystroke, ${KLM.homing} s homing, ${KLM.mental} s mental preparation per action and per region read, reading at ${KLM.wordsPerMinute} words per minute.`,
    );
    return lines.join("\n");
  }
}
