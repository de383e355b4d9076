/**
 * Cluster events as `kubectl get events` prints them (with or without NAMESPACE, `-o wide` with
 * FIRST SEEN / COUNT, the old KIND / NAME layout) and as the Events table at the end of `kubectl describe`
 * (`2m (x25 over 10m)`). Long messages wrapped onto the next lines are joined back.
 */
import { stripPodSuffix } from '../owners';
import { namespaceOf, type ReadContext } from './read-context';
import type { ClusterEvent } from './state';
import { cell, cellColumn, readTable, type TableRow } from './table';
import { parseCount } from './units';

/** An age as kubectl prints it (`5m12s`, `3d4h`, `<unknown>`), maybe with a repeat count (`2m (x25 over 10m)`). */
export const AGE = /^(?:<unknown>|<invalid>|(?:\d+[smhdy])+|\d+(?:\.\d+)?)(?:\s+\(x\d+ over [^)]*\))?$/;

/** Kinds whose object names carry a workload's name with a hash or ordinal suffix. */
const SUFFIXED = new Set(['pod', 'replicaset', 'job']);
const WORKLOADS = new Set(['deployment', 'statefulset', 'daemonset', 'cronjob', 'horizontalpodautoscaler', 'poddisruptionbudget']);

/** The workload an event's object belongs to, when it belongs to one. */
export function workloadOfObject(kind: string, name: string): string | undefined {
  if (SUFFIXED.has(kind)) return stripPodSuffix(name);
  return WORKLOADS.has(kind) ? name : undefined;
}

/** `x25` of `2m (x25 over 10m)`, else undefined. */
export function repeatCount(age: string): number | undefined {
  return parseCount(/\(x(\d+) over/.exec(age)?.[1]);
}

/** Reads the `kubectl get events` table whose header is at 0-based `index`; returns the index after it. */
export function readEventsTable(ctx: ReadContext, index: number): number {
  const header = ctx.src.lines[index]!;
  const wide = !/MESSAGE\s*$/.test(header);
  const { rows, end } = readTable(ctx, index, {
    title: 'kubectl get events',
    fits: (r) =>
      AGE.test(cell(r, 'LAST SEEN')) &&
      /^(Normal|Warning|Error|)$/.test(cell(r, 'TYPE')) &&
      (!r.cells.has('NAMESPACE') || /^[a-z0-9][a-z0-9-]*$/.test(cell(r, 'NAMESPACE'))),
    optional: ['MESSAGE', 'SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'NAME', 'COUNT'],
    ...(wide ? {} : { continuation: 'MESSAGE' }),
  });
  for (const row of rows) {
    const object = objectOfRow(row);
    const count = parseCount(cell(row, 'COUNT')) ?? repeatCount(cell(row, 'LAST SEEN')) ?? 1;
    const namespace = namespaceOf(ctx, cell(row, 'NAMESPACE'));
    ctx.state.events.push(eventOf(ctx, row, { type: cell(row, 'TYPE'), reason: cell(row, 'REASON'), message: cell(row, 'MESSAGE'), count, age: cell(row, 'LAST SEEN'), object, namespace }));
  }
  return end;
}

/**
 * Reads the Events table of a `kubectl describe` block whose header (`Type Reason Age From Message`) is at
 * 0-based `index`, all events being about `object`; returns the index after it.
 */
export function readDescribeEvents(ctx: ReadContext, index: number, object: { kind: string; name: string } | undefined, namespace: string | undefined): number {
  const { rows, end } = readTable(ctx, index, {
    title: 'kubectl describe Events',
    fits: (r) => /^(Normal|Warning)$/.test(cell(r, 'Type')) && AGE.test(cell(r, 'Age')),
    optional: ['Message', 'From'],
    continuation: 'Message',
    stop: (t) => /^[A-Za-z][\w .()/-]*:(\s|$)/.test(t),
  });
  for (const row of rows) {
    const age = cell(row, 'Age');
    ctx.state.events.push(eventOf(ctx, row, { type: cell(row, 'Type'), reason: cell(row, 'Reason'), message: cell(row, 'Message'), count: repeatCount(age) ?? 1, age, object, namespace }));
  }
  return end;
}

interface EventFields {
  type: string;
  reason: string;
  message: string;
  count: number;
  age: string;
  object: { kind: string; name: string } | undefined;
  namespace: string | undefined;
}

function eventOf(ctx: ReadContext, row: TableRow, f: EventFields): ClusterEvent {
  const column = cellColumn(row, 'REASON') ?? cellColumn(row, 'Reason');
  const event: ClusterEvent = {
    reason: f.reason,
    message: f.message,
    count: f.count,
    evidence: ctx.src.evidence(row.line, column, `${f.type ? `${f.type} ` : ''}${f.reason}${f.count > 1 ? ` x${f.count}` : ''}`),
  };
  if (f.type) event.type = f.type;
  if (f.object) {
    event.object = f.object;
    const workload = workloadOfObject(f.object.kind, f.object.name);
    if (workload) event.workload = workload;
  }
  const age = f.age.split(/\s+\(/)[0];
  if (age) event.age = age;
  if (f.namespace) event.namespace = f.namespace;
  return event;
}

function objectOfRow(row: TableRow): { kind: string; name: string } | undefined {
  const object = cell(row, 'OBJECT');
  const slash = object.indexOf('/');
  if (slash > 0) return { kind: object.slice(0, slash).toLowerCase().split('.')[0]!, name: object.slice(slash + 1) };
  const kind = cell(row, 'KIND');
  const name = cell(row, 'NAME');
  // The old layout's NAME is the event's name: the object's name and a hex suffix.
  if (kind && name) return { kind: kind.toLowerCase(), name: name.replace(/\.[0-9a-f]{10,}$/, '') };
  return undefined;
}
