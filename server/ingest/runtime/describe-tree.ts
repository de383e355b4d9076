/**
 * A `kubectl describe` block as a tree of indented `Key:  value` lines. Values continued on the next lines
 * at the value's column (Labels, Annotations, Taints) are joined; lines that are not `key: value` (table
 * rows of Conditions, Events, Allocated resources) are kept as nodes without a key.
 */

/** One line of a describe block, with the lines indented under it. */
export interface DescribeNode {
  /** The key before `:`, or undefined for a line that is not `key: value`. */
  key?: string;
  /** The value after the key (the whole trimmed line for a line without a key); continuation lines joined with `\n`. */
  value: string;
  /** 1-based line. */
  line: number;
  indent: number;
  /** 1-based column where the value starts. */
  valueColumn: number;
  children: DescribeNode[];
}

/** Parses lines `start` (inclusive) to `end` (exclusive, 0-based) of `lines` into a tree. */
export function parseDescribeTree(lines: readonly string[], start: number, end: number): DescribeNode[] {
  const root: DescribeNode = { value: '', line: 0, indent: -1, valueColumn: 0, children: [] };
  const stack: DescribeNode[] = [root];
  let last: DescribeNode | undefined;
  for (let i = start; i < end; i++) {
    const text = lines[i]!.replace(/\t/g, '    ').trimEnd();
    if (text.trim() === '') continue;
    const indent = text.length - text.trimStart().length;
    if (last && last.key !== undefined && last.value !== '' && indent > last.indent && indent === last.valueColumn - 1) {
      last.value += `\n${text.trim()}`;
      continue;
    }
    while (stack.length > 1 && stack.at(-1)!.indent >= indent) stack.pop();
    const m = /^(\s*)([^:\s](?:[^:]*?[^:\s])?):(?:(\s+)(.*))?$/.exec(text);
    let node: DescribeNode;
    if (m && !/\s{2}/.test(m[2]!) && m[2]!.length <= 60) {
      const valueColumn = m[4] !== undefined && m[4] !== '' ? indent + m[2]!.length + 1 + m[3]!.length + 1 : 0;
      node = { key: m[2]!, value: (m[4] ?? '').trim(), line: i + 1, indent, valueColumn, children: [] };
    } else {
      node = { value: text.trim(), line: i + 1, indent, valueColumn: indent + 1, children: [] };
    }
    stack.at(-1)!.children.push(node);
    stack.push(node);
    last = node;
  }
  return root.children;
}

/** The first child of `nodes` with `key`. */
export function child(nodes: readonly DescribeNode[] | undefined, key: string): DescribeNode | undefined {
  return nodes?.find((n) => n.key === key);
}

/** The value of the first child with `key`, '' when absent. */
export function valueOf(nodes: readonly DescribeNode[] | undefined, key: string): string {
  return child(nodes, key)?.value ?? '';
}

/** The lines of a multi-line value (Labels, Taints), without `<none>`. */
export function valueLines(node: DescribeNode | undefined): string[] {
  if (!node) return [];
  const own = node.value.split('\n');
  const nested = node.children.filter((c) => c.key === undefined).map((c) => c.value);
  return [...own, ...nested].map((l) => l.trim()).filter((l) => l !== '' && l !== '<none>');
}
