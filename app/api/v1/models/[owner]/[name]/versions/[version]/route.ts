import { deleteVersionRoute, updateVersionRoute } from "@/lib/publishing/routes";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const PATCH = updateVersionRoute;
export const DELETE = deleteVersionRoute;

export const { GET, HEAD, POST, PUT } = methodsNotAllowed({ PATCH, DELETE });
