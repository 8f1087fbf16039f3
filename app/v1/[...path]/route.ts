import { unknownApiPath } from "@/lib/http/route-fallbacks";
import { inOpenAiShape } from "@/lib/http/openai-errors";

// Any /v1 path no other route file matches (e.g. /v1/completions, /v1/responses): 404 in OpenAI's error shape.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inOpenAiShape(unknownApiPath());
