// Monaco's JSON language worker (validation, formatting), bundled from the local monaco-editor package.
import "monaco-editor/language/json/json.worker.js";
