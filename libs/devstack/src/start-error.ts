/**
 * A component of the local stack that did not start, told as one paragraph: which component, what
 * happened, what was tried and what to do. The launcher prints it and exits non-zero.
 */
export class ComponentStartError extends Error {
  override readonly name = 'ComponentStartError';

  constructor(
    readonly component: string,
    readonly happened: string,
    readonly tried: string,
    readonly remedy: string,
    /** The component's last output, when it printed any (shown above the paragraph). */
    readonly output: string = '',
  ) {
    super(`${component} did not start: ${happened} Tried: ${tried}. What to do: ${remedy}.`);
  }
}

export interface ComponentAttempt {
  component: string;
  tried: string;
  remedy: string;
}

/** Runs one component's start, turning whatever it throws into a ComponentStartError. */
export async function startComponent<T>(attempt: ComponentAttempt, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof ComponentStartError) throw error;
    const { summary, output } = splitMessage(error instanceof Error ? error.message : String(error));
    throw new ComponentStartError(attempt.component, summary, attempt.tried, attempt.remedy, output);
  }
}

/**
 * The first line is what happened. A list under it (lines starting "- ") is part of the story; other
 * lines are a process's recent output, kept apart, but its last line that reads like an error is
 * quoted, so the paragraph keeps the cause.
 */
export function splitMessage(message: string): { summary: string; output: string } {
  const [first = '', ...rest] = stripColours(message).trim().split('\n');
  let summary = first.trim().replace(/[.:]?$/, '');
  const listed = rest.map((line) => line.trim()).filter((line) => line.startsWith('- '));
  const others = rest.filter((line) => !line.trim().startsWith('- '));
  if (listed.length > 0) summary += `: ${listed.map((line) => line.slice(2)).join('; ')}`;
  const cause = others.map((line) => line.trim()).findLast((line) => ERROR_LIKE.test(line));
  if (cause) summary += ` (it said: "${cause.length > 300 ? `${cause.slice(0, 300)}…` : cause}")`;
  return { summary: `${summary}.`, output: others.join('\n').trim() };
}

const ERROR_LIKE = /\b(error|fatal|panic|refused|denied|cannot|could not|failed|EACCES|EADDRINUSE|EADDRNOTAVAIL|ENOENT)\b/i;

/** A process's output as a person reads it: without terminal colour codes. */
// eslint-disable-next-line no-control-regex
export const stripColours = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
