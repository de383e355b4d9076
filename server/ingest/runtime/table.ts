/**
 * Column tables as kubectl and docker print them: a header row whose column names start where the values
 * of each row start (Go's tabwriter, at least 2 spaces between columns), values that may hold single
 * spaces (`Up 2 hours (healthy)`, `Back-off restarting failed container`). A table ends at a blank line, a
 * prompt, another output's header or a line that does not line up; a last row cut short is reported.
 */
import type { ReadContext } from './read-context';

/** A column of a table: its name as the header writes it and the 0-based offset where its values start. */
export interface Column {
  name: string;
  start: number;
}

/**
 * How rows of a table are cut into cells: by the header's column offsets, or (`tokens`, for a header
 * whose columns are single-space separated, e.g. retyped by hand) by whitespace, extra words going to the
 * last column.
 */
export interface TableLayout {
  columns: Column[];
  tokens: boolean;
}

/** A cell's text (trimmed) and 1-based column. */
export interface Cell {
  text: string;
  column: number;
}

/** A row of a table: its 1-based line, text and cells by column name. */
export interface TableRow {
  line: number;
  text: string;
  cells: Map<string, Cell>;
}

/** Column names that hold a space. */
const MULTI_WORD = [
  'LAST SEEN', 'FIRST SEEN', 'NOMINATED NODE', 'READINESS GATES', 'ACCESS MODES', 'RECLAIM POLICY', 'NODE SELECTOR',
  'CONTAINER ID', 'CPU %', 'MEM %', 'MEM USAGE / LIMIT', 'NET I/O', 'BLOCK I/O', 'Mounted on', 'Local Address:Port',
  'Peer Address:Port', 'Local Address', 'Foreign Address', 'PID/Program name', 'CPU Requests', 'CPU Limits',
  'Memory Requests', 'Memory Limits',
];

/** The layout of a header row. */
export function tableLayout(header: string): TableLayout {
  const columns: Column[] = [];
  for (const m of header.matchAll(/\S+(?: \S+)*/g)) columns.push({ name: m[0], start: m.index });
  if (columns.every((c) => !c.name.includes(' ') || MULTI_WORD.includes(c.name))) return { columns, tokens: false };
  const words = [...header.matchAll(/\S+/g)].map((m) => ({ name: m[0], start: m.index }));
  const merged: Column[] = [];
  for (let i = 0; i < words.length; i++) {
    const long = MULTI_WORD.map((n) => n.split(' ')).find((parts) => parts.every((p, k) => words[i + k]?.name === p));
    if (long) {
      merged.push({ name: long.join(' '), start: words[i]!.start });
      i += long.length - 1;
    } else {
      merged.push(words[i]!);
    }
  }
  return { columns: merged, tokens: true };
}

/** How far (in characters) a row's value may start from its header's column and still belong to it. */
const SNAP = 3;

/**
 * Where each cell of `text` starts: at its header's column, or at a value starting up to SNAP characters
 * before or after it (a row written slightly off); undefined when a column start falls inside a value.
 */
function cellStarts(layout: TableLayout, text: string): number[] | undefined {
  const starts: number[] = [];
  for (const [k, c] of layout.columns.entries()) {
    const s = c.start;
    if (k === 0 || text.length <= s || /\s/.test(text[s - 1]!)) {
      starts.push(s);
      continue;
    }
    let left = s;
    while (left > 0 && !/\s/.test(text[left - 1]!)) left--;
    let right = s;
    while (right < text.length && !/\s/.test(text[right]!)) right++;
    while (right < text.length && /\s/.test(text[right]!)) right++;
    const leftOk = s - left <= SNAP && left > starts[k - 1]! && /\s\s$/.test(text.slice(0, left));
    const rightOk = right - s <= SNAP && right < text.length;
    if (leftOk && (!rightOk || s - left <= right - s)) starts.push(left);
    else if (rightOk) starts.push(right);
    else return undefined;
  }
  return starts;
}

/** Cuts a row into cells by a layout (by the header's offsets when the row does not line up). */
export function sliceRow(layout: TableLayout, text: string, line: number): TableRow {
  const cells = new Map<string, Cell>();
  const { columns } = layout;
  if (layout.tokens) {
    const words = [...text.matchAll(/\S+/g)];
    columns.forEach((c, k) => {
      const last = k === columns.length - 1;
      const part = last ? words.slice(k) : words.slice(k, k + 1);
      if (part.length === 0) return;
      const startAt = part[0]!.index;
      const endWord = part.at(-1)!;
      cells.set(c.name, { text: text.slice(startAt, endWord.index + endWord[0].length), column: startAt + 1 });
    });
    return { line, text, cells };
  }
  const starts = cellStarts(layout, text) ?? columns.map((c) => c.start);
  columns.forEach((c, k) => {
    const end = k + 1 < columns.length ? starts[k + 1]! : text.length;
    const raw = text.slice(starts[k], end);
    const lead = raw.length - raw.trimStart().length;
    cells.set(c.name, { text: raw.trim(), column: starts[k]! + lead + 1 });
  });
  return { line, text, cells };
}

/** A cell's text, '' when the row has none. */
export function cell(row: TableRow, name: string): string {
  return row.cells.get(name)?.text ?? '';
}

/** A cell's 1-based column, when the row has that cell. */
export function cellColumn(row: TableRow, name: string): number | undefined {
  return row.cells.get(name)?.column;
}

/** True when `text` lines up with the layout: every cell starts at (or next to) its column and the first holds a value. */
export function linesUp(layout: TableLayout, text: string): boolean {
  if (layout.tokens) return text.trim() !== '';
  const first = layout.columns[0]!;
  if (text.slice(0, first.start).trim() !== '' || !/\S/.test(text[first.start] ?? '')) return false;
  return cellStarts(layout, text) !== undefined;
}

/** How to read a table. */
export interface TableOptions {
  /** What the table is, for problems: "kubectl get pods". */
  title: string;
  /** Columns that may be empty in a complete row (PORTS of docker ps). */
  optional?: readonly string[];
  /** Extra check of a row's values (READY looks like `1/1`); a row failing it does not belong to the table. */
  fits?: (row: TableRow) => boolean;
  /** A line that does not line up continues this column of the row above (wrapped event messages). */
  continuation?: string;
  /** Ends the table before a line (the next key of a describe block). */
  stop?: (text: string) => boolean;
}

/** The rows of the table whose header is at 0-based `headerIndex`, and the index of the first line after it. */
export function readTable(ctx: ReadContext, headerIndex: number, options: TableOptions): { rows: TableRow[]; end: number } {
  const lines = ctx.src.lines;
  const layout = tableLayout(lines[headerIndex]!);
  const optional = new Set(options.optional ?? []);
  const rows: TableRow[] = [];
  const fits = (row: TableRow): boolean => linesUp(layout, row.text) && (options.fits?.(row) ?? true);
  const missing = (row: TableRow): string | undefined => layout.columns.find((c) => !optional.has(c.name) && cell(row, c.name) === '')?.name;
  const rowAt = (i: number): TableRow | undefined => {
    const text = lines[i];
    if (text === undefined || text.trim() === '' || ctx.isBoundary(i) || options.stop?.(text)) return undefined;
    return sliceRow(layout, text, i + 1);
  };

  let i = headerIndex + 1;
  if (/^\s*-{2,}(\s+-{2,})*\s*$/.test(lines[i] ?? '')) i++;
  for (; i < lines.length; i++) {
    const row = rowAt(i);
    if (!row) break;
    if (fits(row)) {
      const absent = missing(row);
      if (absent === undefined) {
        rows.push(row);
        continue;
      }
      const next = rowAt(i + 1);
      const last = !next || !fits(next);
      if (options.continuation && rows.length > 0 && !last) {
        appendTo(rows.at(-1)!, options.continuation, row.text);
        continue;
      }
      ctx.problems.push({
        line: i + 1,
        message: last ? `${options.title} output cut off mid-row: no ${absent} value` : `${options.title} row has no ${absent} value: not read`,
      });
      continue;
    }
    const gapped = byGaps(layout, row.text, row.line);
    if (gapped && (options.fits?.(gapped) ?? true) && missing(gapped) === undefined) {
      rows.push(gapped);
      continue;
    }
    if (options.continuation && rows.length > 0) {
      appendTo(rows.at(-1)!, options.continuation, row.text);
      continue;
    }
    const next = rowAt(i + 1);
    if (next && fits(next) && missing(next) === undefined) {
      ctx.problems.push({ line: i + 1, message: `${options.title} row does not line up with its header: not read` });
      continue;
    }
    break;
  }
  return { rows, end: i };
}

/** A row written off its columns, cut at runs of 2+ spaces: only when that gives one value per column (extra ones going to the last). */
function byGaps(layout: TableLayout, text: string, line: number): TableRow | undefined {
  const parts = [...text.matchAll(/\S+(?: \S+)*/g)];
  const n = layout.columns.length;
  if (layout.tokens || parts.length < n || text.slice(0, layout.columns[0]!.start).trim() !== '') return undefined;
  const cells = new Map<string, Cell>();
  layout.columns.forEach((c, k) => {
    const part = parts[k]!;
    const last = k === n - 1;
    const end = last ? parts.at(-1)!.index + parts.at(-1)![0].length : part.index + part[0].length;
    cells.set(c.name, { text: text.slice(part.index, end), column: part.index + 1 });
  });
  if (parts.length > n && !layout.columns.at(-1)!.name.match(/MESSAGE|Message|DESCRIPTION|LABELS/)) return undefined;
  return { line, text, cells };
}

function appendTo(row: TableRow, column: string, text: string): void {
  const prev = row.cells.get(column);
  const joined = prev && prev.text !== '' ? `${prev.text} ${text.trim()}` : text.trim();
  row.cells.set(column, { text: joined, column: prev?.column ?? 1 });
}
