import { OrderedMap } from 'immutable';
import { EncodedEntries } from './encoded-entries';

/** A key of the base that was deleted over it (in the overlay), or a key deleted in a draft (its changes). */
const GONE: unique symbol = Symbol('gone');

/** A new value for a key of the base, in the base's place (a plain value in the overlay is a key added after the base). */
class InPlace<V> {
  constructor(readonly value: V) {}
}

/** In a draft's changes: a key of the map it was made from, deleted and set again (so it moves to the end). */
class Reinserted<V> {
  constructor(readonly value: V) {}
}

type Slot<V> = V | InPlace<V> | typeof GONE;
/** A draft's change of one key, over the map it was made from: a value set, deleted, or deleted and set again. */
type Change<V> = V | Reinserted<V> | typeof GONE;

/**
 * A persistent ordered map (insertion order, as immutable.js's OrderedMap: setting a key again keeps
 * its place, deleting and setting it again moves it to the end) made of two layers: a base, a native
 * Map that nothing ever changes once it is made, and a persistent overlay of what was set and deleted
 * over it since.
 *
 * Why: a story's state decoded from a snapshot has tens of thousands of entries, and building them
 * into a native Map costs a fifth of building them into an OrderedMap (the first read after a restart
 * decodes one). States folded on from it share the base and pay O(log n) per change in the overlay,
 * as before. A state folded from the empty story has an empty base and is an OrderedMap in all but name,
 * unless it was folded as a draft (`draft`), written in place, and frozen at the end.
 */
export class LayeredMap<K, V> implements Iterable<[K, V]> {
  private static readonly EMPTY = new LayeredMap<unknown, unknown>(new Map(), OrderedMap(), 0, 'persistent');

  private constructor(
    private base: ReadonlyMap<K, V>,
    private overlay: OrderedMap<K, Slot<V>>,
    private count: number,
    /** See `draft`: a draft is written in place until `freeze`, and is closed after it. */
    private mode: 'persistent' | 'draft' | 'closed',
    /** A draft's changes over its base and overlay (those of the map it was made from: shared, never written). */
    private changes?: Map<K, Change<V>>,
  ) {}

  get size(): number {
    return this.count;
  }

  static empty<K, V>(): LayeredMap<K, V> {
    return LayeredMap.EMPTY as LayeredMap<K, V>;
  }

  /** The entries as the base, in their order (a key given twice keeps its first place and its last value). */
  static of<K, V>(entries: Iterable<readonly [K, V]>): LayeredMap<K, V> {
    const base = new Map<K, V>();
    for (const [key, value] of entries) base.set(key, value);
    return LayeredMap.over(base);
  }

  /** A map whose base is this one (a native Map, EncodedEntries), which the caller hands over and never changes again. */
  static over<K, V>(base: ReadonlyMap<K, V>): LayeredMap<K, V> {
    return base.size === 0 ? LayeredMap.empty() : new LayeredMap(base, OrderedMap(), base.size, 'persistent');
  }

  /**
   * The map, to be changed in place: `set`, `delete` and `update` answer with the draft itself and
   * write its changes into a native Map over the map it was made from (which is shared, and stays as
   * it was), until `freeze` makes them a persistent map again. For a fold whose states in between
   * nobody sees: the audit's replay of a whole stream, the loader's fold between two checkpoints. The
   * maps of those states are all this one map, so reading one after the fold went on reads the latest.
   *
   * Making a draft costs nothing. Freezing it costs one persistent write per key it changed, however
   * often each was changed (a story's views change the same few keys over and over), in one batch of
   * immutable.js mutations; a draft of the empty map becomes the base itself.
   */
  static draft<K, V>(from: LayeredMap<K, V>): LayeredMap<K, V> {
    if (from.mode !== 'persistent') throw new TypeError(`A draft is made from a persistent map; this one is ${from.mode}`);
    return new LayeredMap(from.base, from.overlay, from.count, 'draft', new Map());
  }

  /** The draft's entries as a persistent map; the draft is closed (it reads as that map, and refuses writes). */
  freeze(): LayeredMap<K, V> {
    if (this.mode !== 'draft') throw new TypeError(`Only a draft is frozen, and once; this map is ${this.mode}`);
    this.writeChangesBelow();
    this.mode = 'closed';
    this.changes = undefined;
    return new LayeredMap(this.base, this.overlay, this.count, 'persistent');
  }

  get(key: K): V | undefined {
    if (this.changes !== undefined) {
      const change = this.changes.get(key);
      if (change !== undefined) return change === GONE ? undefined : change instanceof Reinserted ? (change.value as V) : change;
    }
    if (this.overlay.size === 0) return this.base.get(key);
    const slot = this.overlay.get(key);
    if (slot === undefined) return this.base.get(key);
    if (slot === GONE) return undefined;
    return slot instanceof InPlace ? (slot.value as V) : slot;
  }

  has(key: K): boolean {
    if (this.changes !== undefined) {
      const change = this.changes.get(key);
      if (change !== undefined) return change !== GONE;
    }
    return this.hasBelow(key);
  }

  set(key: K, value: V): LayeredMap<K, V> {
    if (this.mode !== 'persistent') return this.change(key, value);
    return new LayeredMap(this.base, overlaySet(this.base, this.overlay, key, value), this.count + (this.hasBelow(key) ? 0 : 1), 'persistent');
  }

  delete(key: K): LayeredMap<K, V> {
    if (this.mode !== 'persistent') return this.change(key, GONE);
    if (!this.hasBelow(key)) return this;
    return new LayeredMap(this.base, overlayDelete(this.base, this.overlay, key), this.count - 1, 'persistent');
  }

  /** `set(key, updater(get(key) ?? notSetValue))`, with `notSetValue` only for a key that is absent. */
  update(key: K, notSetValue: V, updater: (value: V) => V): LayeredMap<K, V> {
    return this.set(key, updater(this.has(key) ? (this.get(key) as V) : notSetValue));
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.toArray()[Symbol.iterator]();
  }

  values(): IterableIterator<V> {
    const values: V[] = [];
    this.forEach((value) => values.push(value));
    return values[Symbol.iterator]();
  }

  /** The entries in order. */
  toArray(): [K, V][] {
    const entries: [K, V][] = [];
    this.forEach((value, key) => entries.push([key, value]));
    return entries;
  }

  /** The entries as an object's properties, in order (string keys). */
  toObject(): Record<string, V> {
    const object: Record<string, V> = {};
    this.forEach((value, key) => (object[String(key)] = value));
    return object;
  }

  /**
   * Visits the entries in order. The overlay's slots for keys of the base are gathered first into a
   * native Map, so that the base is walked with native lookups: O(base + overlay), not a persistent
   * lookup per entry of the base. A draft first writes its changes in below (and goes on from there).
   */
  forEach(visit: (value: V, key: K) => void): void {
    if (this.changes !== undefined && this.changes.size > 0) this.writeChangesBelow();
    if (this.overlay.size === 0) {
      this.base.forEach(visit);
      return;
    }
    const overBase = new Map<K, Slot<V>>();
    const added: [K, V][] = [];
    for (const [key, slot] of this.overlay) {
      if (this.base.has(key)) overBase.set(key, slot);
      if (slot !== GONE && !(slot instanceof InPlace)) added.push([key, slot]);
    }
    this.base.forEach((value, key) => {
      const slot = overBase.get(key);
      if (slot === undefined) visit(value, key);
      else if (slot instanceof InPlace) visit(slot.value as V, key);
    });
    for (const [key, value] of added) visit(value, key);
  }

  /**
   * Visits the entries in order as `forEach` does, except that runs of entries of an encoded base
   * (EncodedEntries: a decoded snapshot's) that nothing set or deleted since come as that base's
   * positions `first` to `last`, whose lines are the bytes `base.lines(first, last)` (views, in order), unparsed.
   */
  forEachEncoded(visitValue: (key: K, value: V) => void, visitLines: (base: EncodedEntries<V>, first: number, last: number) => void): void {
    const base = this.base;
    if (!(base instanceof EncodedEntries)) {
      this.forEach((value, key) => visitValue(key, value));
      return;
    }
    if (this.changes !== undefined && this.changes.size > 0) this.writeChangesBelow();
    // The places of the base's keys that were set or deleted over it, in order: the runs are what lies
    // between them (a walk of the changes, not of every place of the base: the document of a long story
    // is tens of thousands of entries, a fold changes a few hundred).
    const changed: { readonly position: number; readonly slot: Slot<V> }[] = [];
    const added: [K, V][] = [];
    for (const [key, slot] of this.overlay) {
      const position = base.indexOf(key as string);
      if (position !== undefined) changed.push({ position, slot });
      if (slot !== GONE && !(slot instanceof InPlace)) added.push([key, slot]);
    }
    changed.sort((a, b) => a.position - b.position);
    let next = 0;
    for (const { position, slot } of changed) {
      if (position > next) visitLines(base, next, position - 1);
      if (slot instanceof InPlace) visitValue(base.keyAt(position) as K, slot.value as V);
      next = position + 1;
    }
    if (next < base.size) visitLines(base, next, base.size - 1);
    for (const [key, value] of added) visitValue(key, value);
  }

  /**
   * The encoded base (a decoded snapshot's collection) this map is layered over, if it is one, and
   * whether it is the base alone: nothing set or deleted over it.
   */
  encodedBase(): { readonly base: EncodedEntries<V>; readonly alone: boolean } | undefined {
    if (!(this.base instanceof EncodedEntries)) return undefined;
    return { base: this.base, alone: this.overlay.size === 0 && (this.changes === undefined || this.changes.size === 0) };
  }

  toJSON(): Record<string, V> {
    return this.toObject();
  }

  /** Whether the key is in the base and overlay (a draft's changes aside). */
  private hasBelow(key: K): boolean {
    if (this.overlay.size === 0) return this.base.has(key);
    const slot = this.overlay.get(key);
    return slot === undefined ? this.base.has(key) : slot !== GONE;
  }

  /**
   * A draft's write, into its changes, in the order the persistent map would keep: a key set keeps the
   * place of its first setting; a key from below deleted and set again goes to the end (Reinserted),
   * and so does a key the draft added, deleted and set again (taken out of the changes in between).
   */
  private change(key: K, value: V | typeof GONE): LayeredMap<K, V> {
    const changes = this.changes;
    if (this.mode === 'closed' || changes === undefined) throw new TypeError('This draft was frozen: it is the base of a persistent map now');
    const before = changes.get(key);
    const below = this.hasBelow(key);
    const present = before === undefined ? below : before !== GONE;
    if (value === GONE) {
      if (!present) return this;
      if (below) changes.set(key, GONE);
      else changes.delete(key);
      this.count--;
      return this;
    }
    if (before === GONE) {
      changes.delete(key);
      changes.set(key, new Reinserted(value));
    } else changes.set(key, before instanceof Reinserted ? new Reinserted(value) : value);
    if (!present) this.count++;
    return this;
  }

  /** A draft's changes written into its own base and overlay (to walk them in order, or to freeze); writing may go on. */
  private writeChangesBelow(): void {
    const changes = this.changes!;
    this.changes = new Map();
    if (changes.size === 0) return;
    // A draft of the empty map holds every entry in its changes, in order, none of them deleted.
    if (this.base.size === 0 && this.overlay.size === 0) {
      this.base = changes as Map<K, V>;
      return;
    }
    const base = this.base;
    this.overlay = this.overlay.withMutations((mutable) => {
      for (const [key, change] of changes) {
        if (change === GONE) overlayDelete(base, mutable, key);
        else if (change instanceof Reinserted) overlaySet(base, overlayDelete(base, mutable, key), key, change.value as V);
        else overlaySet(base, mutable, key, change);
      }
    });
  }
}

/** The overlay with `key` set to `value` over `base`: in the base's place, or added at the end. */
function overlaySet<K, V>(base: ReadonlyMap<K, V>, overlay: OrderedMap<K, Slot<V>>, key: K, value: V): OrderedMap<K, Slot<V>> {
  const slot = overlay.get(key);
  if (slot === undefined) return overlay.set(key, base.has(key) ? new InPlace(value) : value);
  // A key of the base deleted and set again goes to the end, after the keys added since.
  if (slot === GONE) return overlay.delete(key).set(key, value);
  return overlay.set(key, slot instanceof InPlace ? new InPlace(value) : value);
}

/** The overlay with `key` deleted over `base` (a key that is there). */
function overlayDelete<K, V>(base: ReadonlyMap<K, V>, overlay: OrderedMap<K, Slot<V>>, key: K): OrderedMap<K, Slot<V>> {
  return base.has(key) ? overlay.set(key, GONE) : overlay.delete(key);
}
