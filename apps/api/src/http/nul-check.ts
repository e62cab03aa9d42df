/**
 * PostgreSQL stores no NUL character in text or jsonb, so input holding one is refused with a 400
 * rather than failing on write. The walk is iterative with a depth cap: a deeply nested body
 * (thousands of nested arrays fit under the size limit) must earn a 400, not a stack overflow.
 */
export const MAX_INPUT_DEPTH = 64;

export type InputProblem = { path: string; message: string };

export function inputProblem(value: unknown): InputProblem | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: item, path, depth } = pending.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return { path: path || '_', message: 'must not contain the NUL character (\\u0000)' };
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    // Named by its top-level field: the full path of the 64th level says nothing more.
    if (depth >= MAX_INPUT_DEPTH) return { path: path.split('.')[0] || '_', message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const [key, child] of Object.entries(item)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return { path: childPath, message: 'must not contain the NUL character (\\u0000)' };
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}
