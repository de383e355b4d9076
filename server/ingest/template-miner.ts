/**
 * The template miner (the paper's "Compressor"): groups log messages by the format string that printed
 * them and writes each group as a template with its variables as `<*>`. Incremental: each message updates
 * the state; nothing is rebuilt. One configuration for every input.
 *
 * How it works, and why it groups better than Drain:
 * 1. Masking (`token-mask.ts`) writes every value that is a variable by its shape as `<*>` (numbers, hex,
 *    ids, IPs, host:port, host names, paths, URLs, UUIDs...) by scanning char codes. Equal skeletons are the
 *    same template, so the common path is a lookup, with no tree walk, no similarity score and no string
 *    built: a message that differs from a recent one only in digits its skeleton drops is found by its text
 *    with digits read as `0` (`MessageMemo`), and any other by its skeleton's hash (`SkeletonTable`).
 * 2. A new skeleton joins a template whose pattern it fits (same token count after runs of bare `<*>` fold
 *    into one position, same first token up to digits). A run of variables of another length still fits,
 *    so a list of 1 or 100 block ids is one template (Drain splits it by token count).
 * 3. A skeleton that differs from a template at exactly one token becomes its own template first and is
 *    kept as evidence. When that position has shown 3 different constant values (2 right after a bare
 *    variable, like the unit of a size), the position is learned as a variable and the templates merge.
 *    Drain turns a token into `<*>` on the second value and splits on the first token; waiting for evidence
 *    keeps `startup`/`shutdown` or `bytes`/`values` apart while user and node names become variables.
 * 4. A skeleton of another length is aligned with the templates of its first token (`template-align.ts`):
 *    when the stretches that differ are variables (with at most a unit word), they become gaps and the
 *    templates merge (`lifetime 00:01` / `lifetime <1 sec`; an optional `(5.1 KB)`). In a template, a `<*>`
 *    standing alone may therefore stand for no token at all.
 * 5. Ids are stable: a merged template's id resolves through `canonical`, and every method accepts old ids.
 *    Templates only generalise; nothing splits.
 */
import { loadMessage, messageLength, messageMatches, messagePatternLength, scanSkeleton, skeletonIs, skeletonText, VAR, writeMessagePattern } from './token-mask';
import { alignPatterns, hasGap } from './template-align';
import { fits, generalize, patternOf, render, type Pattern } from './template-pattern';

/** One mined template. */
export interface MinedTemplate {
  /** The canonical id of the template. */
  id: number;
  /** The template text, variables as `<*>`. */
  template: string;
  /** Messages added under this template (and under every template merged into it). */
  count: number;
}

/** Different constant values a token position must show before it is learned as a variable. */
const EVIDENCE = 3;
/** The same, for a position right after a bare variable (the unit of a size: `5.2 KB`, `384.0 B`). */
const EVIDENCE_AFTER_VARIABLE = 2;

interface Evidence {
  /** Different constant values seen at the position, the template's own included. */
  values: Set<string>;
  /** Every token seen there, masked ones included: what the learned token must cover. */
  tokens: string[];
  /** Templates that differ from this one only at the position. */
  members: number[];
}

interface Cluster {
  id: number;
  pattern: Pattern;
  count: number;
  key: string;
  /** The `byFirst` list it is in: the first key of its first pattern (learning the first position changes the pattern's). */
  first: string;
  text: string | undefined;
  evidence: Map<number, Evidence> | undefined;
}

/** Skeletons remembered for the one-lookup path; past this, new skeletons take the matching path each time. */
const MAX_SKELETONS = 1_000_000;

/**
 * The skeletons seen so far and the template of each, by the hash `scanSkeleton` returns: open addressing
 * over typed arrays, each hash hit checked against the skeleton's text, so that finding a known skeleton
 * builds no string and a collision costs one comparison, never a wrong template.
 */
class SkeletonTable {
  /** Per slot: the entry's index plus one, 0 when the slot is free. */
  private slots = new Int32Array(1 << 8);
  private hashes = new Int32Array(1 << 8);
  private readonly texts: string[] = [];
  /** Per entry: the template id, updated to the canonical one as templates merge. */
  readonly ids: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** The entry of the current skeleton, whose hash is `hash`, or -1. */
  find(hash: number): number {
    const mask = this.slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = this.slots[s]! - 1;
      if (entry < 0) return -1;
      if (this.hashes[s] === hash && skeletonIs(this.texts[entry]!)) return entry;
    }
  }

  /** Adds the current skeleton, `text`, not in the table, with its hash and template id; returns its entry. */
  insert(hash: number, text: string, id: number): number {
    this.texts.push(text);
    this.ids.push(id);
    if (this.ids.length * 2 > this.slots.length) this.grow();
    this.place(hash, this.ids.length);
    return this.ids.length - 1;
  }

  private place(hash: number, slotValue: number): void {
    const mask = this.slots.length - 1;
    let s = hash & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = slotValue;
    this.hashes[s] = hash;
  }

  /** Doubles the slots and places every entry again. */
  private grow(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) this.place(hashes[s]!, slots[s]!);
  }
}

/**
 * Sizes of the message memo: its slots (a power of two, in sets of `MESSAGE_WAYS`) and ring of chars start
 * small, for the many miners of small files, and double each time the ring comes round, up to these.
 */
const MESSAGE_SLOT_BITS = 9;
const MAX_MESSAGE_SLOT_BITS = 14;
const MESSAGE_RING_BITS = 13;
const MAX_MESSAGE_RING_BITS = 18;
/** The longest message the memo holds. */
const MAX_MESSAGE = 1024;
/** Slots per key, for messages that differ in the digits they keep (`ssh1`, `ssh2`, `node_A3`, `node_A4`). */
const MESSAGE_WAYS = 8;
/** Lookups per round of the memo's admission count, and the keys of the last misses it tells apart. */
const MESSAGE_ROUND = 4096;
const SEEN_BITS = 12;

/**
 * The skeleton entries of recent messages, by key (`loadMessage`: the text with every digit read as `0`): a
 * message that differs from a recent one only in digits that the skeleton drops (its numbers, mostly) has
 * its skeleton, so it skips masking. A few slots per key; the pattern of each (`writeMessagePattern`) is kept
 * in a ring, and a slot is valid while the ring has not come round over its pattern (a pattern found again
 * when the ring is half way round is written anew, so that the patterns in use stay). When few lookups hit
 * (messages with random ids), a message is remembered only when its key misses a second time, so that
 * patterns met once do not cost a write and push out the rest.
 */
class MessageMemo {
  private slotBits = MESSAGE_SLOT_BITS;
  private keys = new Int32Array(1 << MESSAGE_SLOT_BITS);
  /** Per slot: the message's length, and its pattern's. */
  private lengths = new Int32Array(1 << MESSAGE_SLOT_BITS);
  private patternLengths = new Int32Array(1 << MESSAGE_SLOT_BITS);
  /** Per slot: where its pattern starts, counted in chars ever written to the ring; -1 for a free slot. */
  private starts = new Float64Array(1 << MESSAGE_SLOT_BITS).fill(-1);
  private entries = new Int32Array(1 << MESSAGE_SLOT_BITS);
  private ring = new Uint16Array(1 << MESSAGE_RING_BITS);
  /** Chars ever written to the ring: where the next pattern goes. */
  private written = 0;
  /** Lookups and hits this round; whether misses are remembered only the second time; the keys of recent misses. */
  private lookups = 0;
  private hits = 0;
  private selective = false;
  private readonly seen = new Int32Array(1 << SEEN_BITS);

  /** The skeleton entry of the loaded message, whose key is `key`, or -1. */
  find(key: number): number {
    if (++this.lookups === MESSAGE_ROUND) {
      this.selective = this.hits < MESSAGE_ROUND / 4;
      this.lookups = this.hits = 0;
    }
    const first = this.firstSlot(key);
    for (let slot = first; slot < first + MESSAGE_WAYS; slot++) {
      if (!this.holds(slot, key)) continue;
      const entry = this.entries[slot]!;
      if (this.written - this.starts[slot]! > this.ring.length / 2) this.refresh(slot);
      this.hits++;
      return entry;
    }
    return -1;
  }

  /** Remembers that the loaded message, whose key is `key` and whose skeleton is the current one, has skeleton entry `entry`. */
  remember(key: number, entry: number): void {
    if (messageLength() === 0 || messageLength() > MAX_MESSAGE) return;
    if (this.selective) {
      const seen = key & ((1 << SEEN_BITS) - 1);
      if (this.seen[seen] !== key) {
        this.seen[seen] = key;
        return;
      }
    }
    const length = messagePatternLength();
    const at = this.reserve(length);
    writeMessagePattern(this.ring, at);
    // the oldest slot gives way (a free or stale one is older than any valid one)
    let slot = this.firstSlot(key);
    for (let other = slot + 1; other < slot + MESSAGE_WAYS; other++) if (this.starts[other]! < this.starts[slot]!) slot = other;
    this.keys[slot] = key;
    this.lengths[slot] = messageLength();
    this.patternLengths[slot] = length;
    this.starts[slot] = this.written;
    this.entries[slot] = entry;
    this.written += length;
  }

  /** Writes the pattern of `slot` anew at the ring's head, unless the memo grows (and empties) to make room. */
  private refresh(slot: number): void {
    const length = this.patternLengths[slot]!;
    const ring = this.ring;
    const at = this.reserve(length);
    if (this.ring !== ring) return;
    const from = this.starts[slot]! % ring.length;
    ring.copyWithin(at, from, from + length);
    this.starts[slot] = this.written;
    this.written += length;
  }

  /** Where the next `length` chars go in the ring: at its head, or at its start when they do not fit before its end. */
  private reserve(length: number): number {
    const at = this.written % this.ring.length;
    if (at + length <= this.ring.length) return at;
    if (this.ring.length < 1 << MAX_MESSAGE_RING_BITS) this.grow();
    else this.written += this.ring.length - at;
    return this.written % this.ring.length;
  }

  private firstSlot(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> (32 - this.slotBits)) & -MESSAGE_WAYS;
  }

  /** Whether `slot` is valid and holds a pattern of key `key` that the loaded message matches. */
  private holds(slot: number, key: number): boolean {
    const start = this.starts[slot]!;
    const length = this.patternLengths[slot]!;
    return start >= 0 && this.keys[slot] === key && this.lengths[slot] === messageLength() && this.written - start <= this.ring.length && messageMatches(this.ring, start % this.ring.length, length);
  }

  /** Doubles the slots and the ring, empty. */
  private grow(): void {
    if (this.slotBits < MAX_MESSAGE_SLOT_BITS) this.slotBits++;
    this.keys = new Int32Array(1 << this.slotBits);
    this.lengths = new Int32Array(1 << this.slotBits);
    this.patternLengths = new Int32Array(1 << this.slotBits);
    this.starts = new Float64Array(1 << this.slotBits).fill(-1);
    this.entries = new Int32Array(1 << this.slotBits);
    this.ring = new Uint16Array(this.ring.length * 2);
    this.written = 0;
  }
}

/** Templates of another length tried for alignment per new skeleton, at most. */
const MAX_ALIGNMENTS = 32;

/** The first token of a pattern, digits folded (`IRQ0` and `IRQ9` share one): templates never differ there. */
function firstKeyOf(p: Pattern): string {
  const first = p.runs[0] !== 0 ? VAR : p.tokens[0]!;
  return first.includes(VAR) ? first : first.replace(/[0-9]+/g, '0');
}

/** The bucket key of a pattern without gaps: its length and first key. */
const keyOf = (p: Pattern): string => `${p.tokens.length} ${firstKeyOf(p)}`;

/** Groups messages into templates; see the module comment. */
export class TemplateMiner {
  private readonly skeletons = new SkeletonTable();
  private readonly messages = new MessageMemo();
  private readonly parent: number[] = [];
  private readonly clusters: Cluster[] = [];
  private readonly buckets = new Map<string, number[]>();
  private readonly byFirst = new Map<string, number[]>();

  /** Adds one message and returns the id of its template (canonical at the time of the call). */
  add(message: string): number {
    const key = loadMessage(message);
    const remembered = this.messages.find(key);
    if (remembered >= 0) return this.countKnown(remembered);
    const hash = scanSkeleton();
    let entry = this.skeletons.find(hash);
    let id: number;
    if (entry >= 0) id = this.countKnown(entry);
    else {
      const skeleton = skeletonText();
      id = this.canonical(this.place(patternOf(skeleton)));
      if (this.skeletons.size < MAX_SKELETONS) entry = this.skeletons.insert(hash, skeleton, id);
    }
    if (entry >= 0) this.messages.remember(key, entry);
    return id;
  }

  /** Counts one more message under skeleton entry `entry` and returns its template id (canonical, which the entry then keeps). */
  private countKnown(entry: number): number {
    let id = this.skeletons.ids[entry]!;
    if (this.parent[id] !== id) {
      id = this.canonical(id);
      this.skeletons.ids[entry] = id;
    }
    this.clusters[id]!.count++;
    return id;
  }

  /** The id that `id` was merged into (itself when it was not merged). Throws on an id never returned. */
  canonical(id: number): number {
    if (!(id >= 0 && id < this.parent.length)) throw new RangeError(`expected a template id from add(), got ${id}`);
    let root = id;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[id] !== root) {
      const next = this.parent[id]!;
      this.parent[id] = root;
      id = next;
    }
    return root;
  }

  /** The template text of `id` (or of the template it was merged into). */
  template(id: number): string {
    const c = this.clusters[this.canonical(id)]!;
    c.text ??= render(c.pattern);
    return c.text;
  }

  /** How many messages were added under `id`'s template, merged templates included. */
  count(id: number): number {
    return this.clusters[this.canonical(id)]!.count;
  }

  /** Every current template, in order of first appearance. */
  templates(): MinedTemplate[] {
    const out: MinedTemplate[] = [];
    for (const c of this.clusters) if (this.parent[c.id] === c.id) out.push({ id: c.id, template: this.template(c.id), count: c.count });
    return out;
  }

  /** Puts a new skeleton's pattern into a template and returns that template's id. */
  private place(p: Pattern): number {
    const key = keyOf(p);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = []));
    let near: Cluster | undefined;
    let nearAt = -1;
    for (const cid of bucket) {
      const c = this.clusters[cid]!;
      const at = mismatch(c.pattern, p);
      if (at === -1) {
        absorbRuns(c, p);
        c.count++;
        return c.id;
      }
      if (at >= 0 && !near) {
        near = c;
        nearAt = at;
      }
    }
    const first = firstKeyOf(p);
    let peers = this.byFirst.get(first);
    if (!peers) this.byFirst.set(first, (peers = []));
    if (!near) {
      let tries = 0;
      for (const cid of peers) {
        const c = this.clusters[cid]!;
        if (c.key === key || tries++ >= MAX_ALIGNMENTS) continue;
        const merged = alignPatterns(c.pattern, p);
        if (!merged) continue;
        c.count++;
        this.reshape(c, merged, peers);
        return c.id;
      }
    }
    const id = this.clusters.length;
    this.clusters.push({ id, pattern: p, count: 1, key, first, text: undefined, evidence: undefined });
    this.parent.push(id);
    bucket.push(id);
    peers.push(id);
    if (near) this.observe(near, nearAt, p, id);
    return id;
  }

  /** Gives `c` a pattern with gaps, then merges into it the templates of the same first token it now covers. */
  private reshape(c: Cluster, pattern: Pattern, peers: number[]): void {
    if (!hasGap(c.pattern)) this.leaveBucket(c);
    c.pattern = pattern;
    c.key = '';
    c.text = undefined;
    for (const other of [...peers]) {
      if (other === c.id) continue;
      const merged = alignPatterns(c.pattern, this.clusters[other]!.pattern);
      if (merged) {
        c.pattern = merged;
        this.union(c, other);
      }
    }
  }

  /** Records that template `id` differs from `c` only at position `at`; learns the position on enough evidence. */
  private observe(c: Cluster, at: number, p: Pattern, id: number): void {
    c.evidence ??= new Map();
    let ev = c.evidence.get(at);
    if (!ev) {
      const own = c.pattern.tokens[at]!;
      ev = { values: new Set(own.includes(VAR) ? [] : [own]), tokens: [own], members: [] };
      c.evidence.set(at, ev);
    }
    const value = p.tokens[at]!;
    if (!value.includes(VAR)) ev.values.add(value);
    ev.tokens.push(value);
    ev.members.push(id);
    const afterNumber = at > 0 && c.pattern.runs[at - 1] !== 0;
    if (ev.values.size < (afterNumber ? EVIDENCE_AFTER_VARIABLE : EVIDENCE)) return;
    c.evidence.delete(at);
    const learned = generalize(ev.tokens);
    c.pattern.tokens[at] = c.pattern.runs[at] !== 0 ? VAR : learned;
    c.pattern.learned[at] = true;
    c.text = undefined;
    for (const m of ev.members) this.mergeInto(c, this.canonical(m));
    for (const other of [...(this.buckets.get(c.key) ?? [])]) if (other !== c.id) this.mergeInto(c, other);
  }

  /** Merges template `id` into `c` when `c`'s pattern now covers it. */
  private mergeInto(c: Cluster, id: number): void {
    if (id === c.id || this.parent[id] !== id) return;
    const m = this.clusters[id]!;
    if (m.key !== c.key || mismatch(c.pattern, m.pattern) !== -1) return;
    absorbRuns(c, m.pattern);
    this.union(c, id);
  }

  /** Makes `id` part of `c`: its messages count for `c`, its id resolves to `c`. */
  private union(c: Cluster, id: number): void {
    const m = this.clusters[id]!;
    this.parent[id] = c.id;
    c.count += m.count;
    c.text = undefined;
    this.leaveBucket(m);
    const peers = this.byFirst.get(m.first)!;
    peers.splice(peers.indexOf(id), 1);
  }

  private leaveBucket(c: Cluster): void {
    const bucket = this.buckets.get(c.key);
    if (bucket && bucket.includes(c.id)) bucket.splice(bucket.indexOf(c.id), 1);
  }
}

/** -1 when `p` fits `c` at every position, the position when it misfits at exactly one, -2 otherwise. */
function mismatch(c: Pattern, p: Pattern): number {
  let at = -1;
  for (let i = 0; i < c.tokens.length; i++) {
    if (fits(c, i, p.tokens[i]!, p.runs[i]!)) continue;
    if (at >= 0) return -2;
    at = i;
  }
  return at;
}

/** Marks the runs of bare `<*>` whose length differs in `p` as of any length. */
function absorbRuns(c: Cluster, p: Pattern): void {
  for (let i = 0; i < c.pattern.runs.length; i++) {
    const r = c.pattern.runs[i]!;
    if (r > 0 && p.runs[i] !== r) {
      c.pattern.runs[i] = -1;
      c.text = undefined;
    }
  }
}
