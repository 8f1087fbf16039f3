import type { ReadableRow } from "@/lib/snippets/readable-output";

const percent = (p: number) => `${(p * 100).toFixed(p >= 0.9995 || p < 0.0005 ? 0 : 1)} %`;

/** A classifier's answer for people: the predicted class by name and a bar per class probability. */
export function PredictionView({ rows }: { rows: ReadableRow[] }) {
  return (
    <ol data-testid="console-prediction" aria-label="Prediction" className="space-y-3">
      {rows.map((row, i) => (
        <li key={i} className="rounded border border-slate-200 p-3">
          <p className="text-sm">
            {rows.length > 1 && <span className="mr-2 text-slate-500">Row {i + 1}</span>}
            {row.predicted ? (
              <>
                Predicted class <strong data-testid="console-predicted-class">{row.predicted.name}</strong>{" "}
                <span className="text-slate-500">(class {row.predicted.index})</span>
              </>
            ) : (
              "No predicted class"
            )}
          </p>
          {row.scores && (
            <ul className="mt-2 space-y-1" aria-label={`Class probabilities${rows.length > 1 ? `, row ${i + 1}` : ""}`}>
              {row.scores.map((s) => {
                const top = s.index === row.predicted?.index;
                return (
                  <li key={s.index} className="grid grid-cols-[minmax(0,8rem)_1fr_3.5rem] items-center gap-2 text-xs">
                    <span className={`truncate ${top ? "font-semibold" : ""}`} title={s.name}>
                      {s.name}
                    </span>
                    <span
                      className="h-2.5 rounded bg-slate-100"
                      role="meter"
                      aria-label={s.name}
                      aria-valuemin={0}
                      aria-valuemax={1}
                      aria-valuenow={s.probability}
                      aria-valuetext={percent(s.probability)}
                    >
                      <span
                        className={`block h-full rounded ${top ? "bg-emerald-600" : "bg-slate-400"}`}
                        style={{ width: `${Math.max(0.5, s.probability * 100)}%` }}
                      />
                    </span>
                    <span className="text-right tabular-nums">{percent(s.probability)}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
