import { addVersionRoute } from "@/lib/publishing/routes";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const POST = addVersionRoute;

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
