/** The report's number formatting and its one output channel (stdout). */
import type { ProcessStats } from '../child-probe.js';

export const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;
export const f = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
export const pad = (s: string, n: number): string => s.padStart(n);
export const line = (s = ''): void => console.log(s);

export function memoryLine(label: string, s: ProcessStats): string {
  return `${label.padEnd(22)} RSS ${mb(s.rss).padStart(9)}  heapUsed ${mb(s.heapUsed).padStart(9)}  heapTotal ${mb(s.heapTotal).padStart(9)}  external ${mb(s.external).padStart(8)}  maxRSS ${mb(s.maxRssKb * 1024).padStart(9)}`;
}
