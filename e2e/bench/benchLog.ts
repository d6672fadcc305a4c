/** The benchmark's output: plain lines on stdout (it is a report, not a test). */
export const log = (line: string): void => console.log(line);
