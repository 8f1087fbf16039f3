import { inspectOnnxRoute } from "@/lib/publishing/routes";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const POST = inspectOnnxRoute;

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
