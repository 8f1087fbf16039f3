import { deleteVersionRoute, updateVersionRoute } from "@/lib/publishing/routes";

export const PATCH = updateVersionRoute;
export const DELETE = deleteVersionRoute;
