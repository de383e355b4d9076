/**
 * The webview's side of the typed report channel: `request(method, params)` posts a `ReportRequest` and
 * resolves with the extension's reply; `onPush` receives what the extension pushes. State is kept with the
 * webview API so the panel's serializer can restore it after a reload.
 */
import type { ReportPush, ReportReply, ReportRequest, ReportRequests, ReportState } from '../../server/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): ReportState | undefined;
  setState(state: ReportState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

/** Sends request `method` and resolves with its result, or rejects with the extension's error message. */
export function request<K extends keyof ReportRequests>(method: K, params: ReportRequests[K][0]): Promise<ReportRequests[K][1]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    api.postMessage({ id, method, params } as ReportRequest);
  });
}

/** Calls `handler` with every push of the extension (replies to requests are routed to their callers). */
export function onPush(handler: (push: ReportPush) => void): void {
  window.addEventListener('message', (event: MessageEvent<ReportPush | ReportReply>) => {
    const msg = event.data;
    if ('type' in msg) {
      handler(msg);
      return;
    }
    const waiter = pending.get(msg.id);
    pending.delete(msg.id);
    if (!waiter) return;
    if (msg.status === 'success') waiter.resolve(msg.content);
    else waiter.reject(new Error(msg.error));
  });
}

/** The state saved by the last `saveState`, after a reload. */
export const savedState = (): ReportState | undefined => api.getState();

/** Keeps `state` for the serializer. */
export const saveState = (state: ReportState): void => api.setState(state);
