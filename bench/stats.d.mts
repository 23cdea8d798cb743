export function quantile(values: number[], q: number): number;
export function median(values: number[]): number;
export function mean(values: number[]): number;
export function pairedRatio(a: number[], b: number[]): number;
export interface Summary {
  n: number;
  p50: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
}
export function summary(values: number[]): Summary;
export function round(x: number, digits?: number): number | null;
export function pairedRatioCI(a: number[], b: number[], resamples?: number): [number, number];
