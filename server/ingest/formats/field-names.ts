/**
 * Canonical strings for the field names read from lines (JSON keys, logfmt and klog keys), found straight from
 * the text of a line. Lines repeat the same few names, so a name seen before costs neither a slice nor the
 * engine's string-table lookup when it becomes a property key: the canonical string is already a property key
 * (an internalized string). The table is small and bounded; when full it starts over, so odd files with ever
 * new names cost a slice per name, as without it, and no memory.
 */

/** Slots of the table (a power of two); at most half of them hold a name, so a miss ends fast. */
export const FIELD_SLOTS = 2048;
const SIZE = FIELD_SLOTS;
const MASK = SIZE - 1;
const MAX_NAMES = SIZE >> 1;
/** Longer names are not kept: they are rare and cost more to compare. */
const MAX_NAME_CHARS = 64;

const names: (string | undefined)[] = new Array<string | undefined>(SIZE).fill(undefined);
/** A number a user of the table keeps with each name (0 for a new name): structured-fields.ts keeps its role. */
const tags = new Int32Array(SIZE);
let count = 0;

/**
 * The slot of the name written at `start`..`end` of `text`, adding it when new; -1 when it is not kept (too long,
 * or the table is full: `startLine` empties a full table).
 */
export function fieldSlotAt(text: string, start: number, end: number): number {
  const len = end - start;
  if (len > MAX_NAME_CHARS) return -1;
  let h = len === 0 ? 0 : (len * 97 + text.charCodeAt(start) * 31 + text.charCodeAt(end - 1) * 7 + text.charCodeAt(start + (len >> 1))) & MASK;
  for (;;) {
    const name = names[h];
    if (name === undefined) break;
    if (name.length === len && sameChars(name, text, start, len)) return h;
    h = (h + 1) & MASK;
  }
  if (count >= MAX_NAMES) return -1;
  count++;
  names[h] = internalized(text.slice(start, end));
  tags[h] = 0;
  return h;
}

/** The tag kept with the name in `slot`; 0 until set. */
export function fieldTagOf(slot: number): number {
  return tags[slot]!;
}

/** Keeps `tag` with the name in `slot`, until the table starts over. */
export function setFieldTag(slot: number, tag: number): void {
  tags[slot] = tag;
}

/** The name in `slot` (from `fieldSlotAt`). */
export function fieldNameOf(slot: number): string {
  return names[slot]!;
}

/** Empties the table when it is full; call it between lines, never while slots of a line are in use. */
export function startLine(): void {
  if (count < MAX_NAMES) return;
  names.fill(undefined);
  count = 0;
}

function sameChars(name: string, text: string, start: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (name.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/** The engine's internalized copy of `name`: property keys are internalized, so a key read back is one. */
function internalized(name: string): string {
  const probe: Record<string, number> = {};
  Object.defineProperty(probe, name, { value: 0, enumerable: true });
  return Object.keys(probe)[0]!;
}
