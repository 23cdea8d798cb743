import type { BrowserContext, Page } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string; frame?: string }; name?: string };
}
export interface FrameTime {
  frame: string;
  wallMs: number;
  cpuMs: number;
  events: number;
}
export function attributeByFrame(events: TraceEvent[], urlPrefix: string): FrameTime[];
export function extensionScriptsIn(
  context: BrowserContext,
  page: Page,
  extensionId: string,
  url: string,
  settleMs?: number,
): Promise<Array<{ url: string; world: string; chars: number }>>;
export function extensionMainThreadTime(
  context: BrowserContext,
  page: Page,
  extensionId: string,
  action: () => Promise<void>,
): Promise<{ frames: FrameTime[]; rendererMainMs: number }>;
export function rendererMainThreadMs(events: TraceEvent[]): number;
