/** JSON read back from Redis: null when absent or malformed (callers validate the shape). */
export function parseJson(value: string | null | undefined): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}
