import { inspectOnnxRoute } from "@/lib/publishing/routes";

export const POST = inspectOnnxRoute;
