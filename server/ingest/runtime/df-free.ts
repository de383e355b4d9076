/**
 * `df -h` / `df -i` / `df -P` / `df` (1K-blocks) and `free -b|-k|-m|-g|-h`: disks and memory of a host.
 */
import type { ReadContext } from './read-context';
import type { DiskState, MemoryState } from './state';
import { parseHumanBytes, parsePercent } from './units';

/** Reads the `df` table whose header is at 0-based `index`; returns the index after it. */
export function readDf(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  const header = lines[index]!.trim().split(/\s+/);
  const typed = header[1] === 'Type';
  const sizeHeader = header[typed ? 2 : 1]!;
  const inodes = sizeHeader === 'Inodes';
  const blocks = /^(\d+)([KMGB]?)-blocks$/.exec(sizeHeader);
  const unit = blocks ? Number(blocks[1]) * ({ '': 1, B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[blocks[2]!] ?? 1) : 1;
  let i = index + 1;
  for (; i < lines.length && lines[i]!.trim() !== '' && !ctx.isBoundary(i); i++) {
    let text = lines[i]!;
    let line = i + 1;
    // A long device name sits alone on its line, its numbers on the next.
    if (/^\S+\s*$/.test(text) && /^\s+\d/.test(lines[i + 1] ?? '')) {
      text = `${text.trim()} ${lines[i + 1]!.trim()}`;
      i++;
      line = i + 1;
    }
    const tokens = text.trim().split(/\s+/);
    const at = typed ? 2 : 1;
    const [size, used, avail, pct] = tokens.slice(at, at + 4) as (string | undefined)[];
    const mount = tokens.slice(at + 4).join(' ');
    const usePercent = parsePercent(pct ?? '');
    if (!mount || pct === undefined) {
      ctx.problems.push({ line, message: i + 1 === lines.length ? 'df output cut off mid-row' : 'df row not read: expected Filesystem, sizes, Use% and Mounted on' });
      continue;
    }
    if (usePercent === undefined) continue; // pseudo filesystems print `-`
    const disk: DiskState = {
      filesystem: tokens[0]!,
      mount,
      usePercent,
      inodes,
      evidence: ctx.src.evidence(line, lines[line - 1]!.indexOf(pct) + 1, `${mount}: ${usePercent}% ${inodes ? 'of inodes ' : ''}used`),
    };
    const values = [size, used, avail].map((v) => parseHumanBytes(v ?? '', unit));
    if (inodes) {
      const count = [size, used, avail].map((v) => parseHumanBytes(v ?? ''));
      if (count[0] !== undefined) disk.inodesTotal = count[0];
      if (count[1] !== undefined) disk.inodesUsed = count[1];
      if (count[2] !== undefined) disk.inodesFree = count[2];
    } else {
      if (values[0] !== undefined) disk.sizeBytes = values[0];
      if (values[1] !== undefined) disk.usedBytes = values[1];
      if (values[2] !== undefined) disk.availBytes = values[2];
    }
    ctx.state.disks.push(disk);
  }
  return i;
}

const FREE_UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, kibi: 1024, mebi: 1024 ** 2, gibi: 1024 ** 3, bytes: 1, kilo: 1000, mega: 1e6, giga: 1e9 };

/** Reads the `free` output whose header is at 0-based `index`; returns the index after it. */
export function readFree(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  const header = lines[index]!.trim().split(/\s+/);
  const rows = new Map<string, { values: string[]; line: number }>();
  let i = index + 1;
  for (; i < lines.length && lines[i]!.trim() !== '' && !ctx.isBoundary(i); i++) {
    const m = /^\s*(Mem|Swap|Total|Low|High|-\/\+ buffers\/cache):\s+(.*)$/.exec(lines[i]!);
    if (m) rows.set(m[1]!, { values: m[2]!.trim().split(/\s+/), line: i + 1 });
  }
  const mem = rows.get('Mem');
  if (!mem) {
    ctx.problems.push({ line: index + 1, message: 'free output cut off: no Mem: line' });
    return i;
  }
  const unit = freeUnit(ctx, index, mem.values[0] ?? '');
  const value = (row: { values: string[] } | undefined, column: string): number | undefined => {
    const k = header.indexOf(column);
    return k < 0 || !row ? undefined : parseHumanBytes(row.values[k] ?? '', unit);
  };
  const total = value(mem, 'total');
  const used = value(mem, 'used');
  if (total === undefined || used === undefined) {
    ctx.problems.push({ line: mem.line, message: 'free Mem: line not read: expected total and used' });
    return i;
  }
  const state: MemoryState = { totalBytes: total, usedBytes: used, evidence: ctx.src.evidence(mem.line, undefined, `memory: ${Math.round((used / Math.max(total, 1)) * 100)}% used`) };
  const buffers = rows.get('-/+ buffers/cache');
  const available = value(mem, 'available') ?? (buffers ? parseHumanBytes(buffers.values[1] ?? '', unit) : undefined);
  if (available !== undefined) state.availableBytes = available;
  const swap = rows.get('Swap');
  const swapTotal = value(swap, 'total');
  if (swapTotal !== undefined) state.swapTotalBytes = swapTotal;
  const swapUsed = value(swap, 'used');
  if (swapUsed !== undefined) state.swapUsedBytes = swapUsed;
  ctx.state.memory.push(state);
  return i;
}

/** Bytes per unit of free's numbers: from the command's flag, else guessed from the size of the total. */
function freeUnit(ctx: ReadContext, index: number, total: string): number {
  const command = ctx.command?.tool === 'free' ? ctx.command : undefined;
  if (command) {
    for (const flag of command.flags) if (FREE_UNITS[flag] !== undefined) return FREE_UNITS[flag];
    return 1024;
  }
  if (!/^\d+$/.test(total)) return 1;
  const n = Number(total);
  const unit = n >= 1_000_000 ? 1024 : n >= 64 ? 1024 ** 2 : 1024 ** 3;
  ctx.problems.push({ line: index + 1, message: `free output without its command: numbers taken as ${{ 1024: 'KiB', 1048576: 'MiB', 1073741824: 'GiB' }[unit]}` });
  return unit;
}
