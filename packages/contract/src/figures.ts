/**
 * Prints a figure a test measured (cases tried, writes acknowledged, …) in
 * the one form scripts/test.ts gathers into the run's "Figures" block:
 * `figure [adapter]: text`. A figure is reported, never asserted on time.
 */
export function figure(adapter: string, text: string): void {
  console.log(`figure [${adapter}]: ${text}`);
}
