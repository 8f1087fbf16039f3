import pino, { type Logger } from "pino";

// The one logger of the portal's server processes: structured JSON lines on stdout (pino), one per gateway
// call and per job run, plus operational events. LOG_LEVEL sets the level (trace … fatal, silent; default
// info). Never log secrets or payloads: callers pass ids (request, app, key), names and figures only; the
// redact list is a second line of defence for fields that must never be written whatever a caller passes.

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

function level(): string {
  const wanted = (process.env.LOG_LEVEL ?? "info").toLowerCase();
  return (LEVELS as readonly string[]).includes(wanted) ? wanted : "info";
}

/** A logger writing to `destination` (stdout by default); tests pass a stream (and a level) to read what was written. */
export function createLogger(destination?: pino.DestinationStream, levelName: string = level()): Logger {
  const options: pino.LoggerOptions = {
    level: levelName,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["authorization", "*.authorization", "headers", "*.headers", "secret", "*.secret", "input", "*.input", "body", "*.body"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

let current: Logger | undefined;

/** The process's logger, made on first use. */
export function log(): Logger {
  current ??= createLogger();
  return current;
}

/** Replaces the process's logger (tests capture the lines; restore with `setLogger(undefined)`). */
export function setLogger(logger: Logger | undefined): void {
  current = logger;
}
