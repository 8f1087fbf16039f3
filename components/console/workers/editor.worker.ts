// Monaco's core editor worker, bundled from the local monaco-editor package (no CDN).
import "monaco-editor/editor/editor.worker.js";
