/** An error and its causes, one per line: what an operator needs, without a stack. */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let current = error; current !== undefined && lines.length < 5; current = (current as Error).cause) {
    lines.push(current instanceof Error ? current.message : String(current));
  }
  return lines.join('\n  caused by: ');
}
