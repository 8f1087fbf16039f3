import { unknownApiPath } from "@/lib/http/route-fallbacks";

// Any /api path no other route file matches: 404 in the public error shape (Next would answer its HTML page).
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = unknownApiPath();
