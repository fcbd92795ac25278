import { OrderedMap } from 'immutable';

/** A key of the base that was deleted over it. */
const GONE: unique symbol = Symbol('gone');

/** A new value for a key of the base, in the base's place (a plain value in the overlay is a key added after the base). */
class InPlace<V> {
  constructor(readonly value: V) {}
}

type Slot<V> = V | InPlace<V> | typeof GONE;

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
 * unless it was folded as a draft (`draft`), written in place, and frozen into a base at the end.
 */
export class LayeredMap<K, V> implements Iterable<[K, V]> {
  private static readonly EMPTY = new LayeredMap<unknown, unknown>(new Map(), OrderedMap(), 0, 'persistent');

  private constructor(
    private readonly base: Map<K, V>,
    private readonly overlay: OrderedMap<K, Slot<V>>,
    private count: number,
    /** See `draft`: a draft is written in place until `freeze`, and is closed after it. */
    private mode: 'persistent' | 'draft' | 'closed',
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

  /** A map whose base is this native Map, which the caller hands over and never changes again. */
  static over<K, V>(base: Map<K, V>): LayeredMap<K, V> {
    return base.size === 0 ? LayeredMap.empty() : new LayeredMap(base, OrderedMap(), base.size, 'persistent');
  }

  /**
   * A copy of the map that `set`, `delete` and `update` change in place (a native Map's O(1), no
   * persistent overlay) and answer with itself, until `freeze` makes it the base of a persistent map.
   * For a fold whose states in between nobody sees (the audit's replay of a whole stream): the maps
   * of those states are all this one map, so reading one after the fold went on would read the
   * latest. The copy costs one pass over the entries; from an empty map, nothing.
   */
  static draft<K, V>(from: LayeredMap<K, V>): LayeredMap<K, V> {
    const base = new Map<K, V>();
    from.forEach((value, key) => base.set(key, value));
    return new LayeredMap(base, OrderedMap(), base.size, 'draft');
  }

  /** The draft's entries as a persistent map (its base, never changed again); the draft is closed. */
  freeze(): LayeredMap<K, V> {
    if (this.mode !== 'draft') throw new TypeError(`Only a draft is frozen, and once; this map is ${this.mode}`);
    this.mode = 'closed';
    return LayeredMap.over(this.base);
  }

  get(key: K): V | undefined {
    if (this.overlay.size === 0) return this.base.get(key);
    const slot = this.overlay.get(key);
    if (slot === undefined) return this.base.get(key);
    if (slot === GONE) return undefined;
    return slot instanceof InPlace ? (slot.value as V) : slot;
  }

  has(key: K): boolean {
    if (this.overlay.size === 0) return this.base.has(key);
    const slot = this.overlay.get(key);
    return slot === undefined ? this.base.has(key) : slot !== GONE;
  }

  set(key: K, value: V): LayeredMap<K, V> {
    if (this.mode !== 'persistent') return this.writeInPlace((base) => base.set(key, value));
    const slot = this.overlay.get(key);
    if (slot === undefined) {
      return this.base.has(key)
        ? new LayeredMap(this.base, this.overlay.set(key, new InPlace(value)), this.count, 'persistent')
        : new LayeredMap(this.base, this.overlay.set(key, value), this.count + 1, 'persistent');
    }
    // A key of the base deleted and set again goes to the end, after the keys added since.
    if (slot === GONE) return new LayeredMap(this.base, this.overlay.delete(key).set(key, value), this.count + 1, 'persistent');
    return new LayeredMap(this.base, this.overlay.set(key, slot instanceof InPlace ? new InPlace(value) : value), this.count, 'persistent');
  }

  delete(key: K): LayeredMap<K, V> {
    if (this.mode !== 'persistent') return this.writeInPlace((base) => base.delete(key));
    if (!this.has(key)) return this;
    const overlay = this.base.has(key) ? this.overlay.set(key, GONE) : this.overlay.delete(key);
    return new LayeredMap(this.base, overlay, this.count - 1, 'persistent');
  }

  private writeInPlace(write: (base: Map<K, V>) => unknown): LayeredMap<K, V> {
    if (this.mode === 'closed') throw new TypeError('This draft was frozen: it is the base of a persistent map now');
    write(this.base);
    this.count = this.base.size;
    return this;
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
   * lookup per entry of the base.
   */
  forEach(visit: (value: V, key: K) => void): void {
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

  toJSON(): Record<string, V> {
    return this.toObject();
  }
}
