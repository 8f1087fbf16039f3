// Monaco's JSON language worker (validation, formatting), bundled from the local monaco-editor package.
import "monaco-editor/esm/vs/language/json/json.worker.js";
