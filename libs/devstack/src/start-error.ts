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

/** The first line is what happened; the rest (a process's recent output) is kept apart. */
export function splitMessage(message: string): { summary: string; output: string } {
  const [first = '', ...rest] = message.trim().split('\n');
  const summary = first.trim().replace(/[.:]?$/, '.');
  return { summary, output: rest.join('\n').trim() };
}
