import { TransformationType } from 'class-transformer';
import { defaultOptions } from 'class-transformer/cjs/constants/default-options.constant';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { allowedProperties } from './compiled-checks';

/**
 * `plainToInstance(type, input)` for the JSON a request carries, from class-transformer's own
 * metadata (the DTOs' @Type and @Transform decorators stay the one definition of what an input
 * becomes), or undefined where it is not sure it gives exactly that; validateInput then asks
 * class-transformer itself. class-transformer looks up a class's metadata for every property of
 * every input (exposures, exclusions, types, transformations, each through the class's ancestors):
 * a third of an append's validation, itself a sixth of its CPU time. Here each lookup is made once
 * per class and property.
 *
 * It mirrors class-transformer 0.5.1's plain-to-class walk under the default options, and only
 * where it is sure: plain JSON values (objects of Object's or no prototype, arrays, strings,
 * numbers, booleans, null), classes with no @Expose, @Exclude or discriminator, nested classes from
 * @Type, and only the properties a class validates (any other fails the whitelist, and
 * class-transformer's walk then gives the instance whose errors class-validator words). The walk
 * itself is the same: a key named __proto__ or constructor is skipped, so is one the class's
 * prototype holds a method or getter of, and each value is transformed before its @Transform
 * functions run. compiled-transform.unit.spec.ts holds it to plainToInstance on every DTO.
 */
export function compiledInstance<T extends object>(type: new () => T, input: unknown): T | undefined {
  try {
    return transformValue(input, type) as T;
  } catch (error) {
    if (error === NOT_SURE) return undefined;
    throw error;
  }
}

/** Thrown inside the walk where class-transformer's own walk has to decide. */
const NOT_SURE = new Error('not sure');

/** What class-transformer hands a @Transform function as `options`: its defaults (plainToInstance is given none). */
const TRANSFORM_OPTIONS = Object.freeze({ ...defaultOptions });

type TransformFunction = (params: { value: unknown; key: string; obj: unknown; type: TransformationType; options: unknown }) => unknown;

interface PropertyPlan {
  /** The class of the property's value (@Type), if any. */
  readonly nested: (new () => object) | undefined;
  /** The array type class-transformer would make for an array value (the @Type's reflected type). */
  readonly arrayType: (new () => unknown) | undefined;
  readonly transforms: readonly TransformFunction[];
}

interface ClassPlan {
  readonly allowed: ReadonlySet<string>;
  readonly properties: Map<string, PropertyPlan>;
}

/** Planned once per class (null: not sure of it, always ask class-transformer). */
const plans = new Map<unknown, ClassPlan | null>();

function planOf(target: new () => object): ClassPlan | undefined {
  if (!plans.has(target)) plans.set(target, makePlan(target) ?? null);
  return plans.get(target) ?? undefined;
}

function makePlan(target: new () => object): ClassPlan | undefined {
  const allowed = allowedProperties(target);
  const storage = defaultMetadataStorage;
  if (!allowed || storage.getStrategy(target) !== 'none' || storage.getExposedMetadatas(target).length > 0 || storage.getExcludedMetadatas(target).length > 0) return undefined;
  return { allowed, properties: new Map() };
}

/** What happens to a property of a class: looked up once, for the properties the class validates only (so the map stays bounded). */
function propertyPlan(target: new () => object, plan: ClassPlan, key: string): PropertyPlan {
  const known = plan.properties.get(key);
  if (known) return known;
  const storage = defaultMetadataStorage;
  const type = storage.findTypeMetadata(target, key);
  // A type that depends on the value (a discriminator, a function of the object) is class-transformer's to find.
  if (type?.options?.discriminator || (type?.typeFunction && type.typeFunction.length > 0)) throw NOT_SURE;
  const nested = type ? ((type.typeFunction ? type.typeFunction() : type.reflectedType) as unknown) : undefined;
  // A String, Number, Boolean, Date, Buffer or Map target is converted by class-transformer: none here.
  if (nested !== undefined && (typeof nested !== 'function' || [String, Number, Boolean, Date, Buffer, Map, Set, Array].includes(nested as never))) throw NOT_SURE;
  const transforms = storage
    .findTransformMetadatas(target, key, TransformationType.PLAIN_TO_CLASS)
    .filter((metadata) => !metadata.options || !metadata.options.groups || !metadata.options.groups.length)
    .map((metadata) => metadata.transformFn as TransformFunction);
  const property: PropertyPlan = { nested: nested as (new () => object) | undefined, arrayType: type?.reflectedType as (new () => unknown) | undefined, transforms };
  plan.properties.set(key, property);
  return property;
}

/** class-transformer's `transform` for a plain JSON value going to `target` (a class, or none for plain data). */
function transformValue(value: unknown, target: (new () => object) | undefined, arrayType?: new () => unknown): unknown {
  if (Array.isArray(value)) {
    if (!isBuiltInPrototype(Object.getPrototypeOf(value), 'Array')) throw NOT_SURE;
    const items = arrayType ? newArray(arrayType) : [];
    // forEach, as class-transformer walks them (it passes over holes).
    value.forEach((item) => items.push(transformValue(item, target)));
    return items;
  }
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value !== 'object') throw NOT_SURE;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== null && !isBuiltInPrototype(prototype, 'Object')) throw NOT_SURE;
  // An own `constructor` makes class-transformer take it for the value's class.
  if (Object.hasOwn(value, 'constructor')) throw NOT_SURE;
  return target ? transformObject(value as Record<string, unknown>, target) : transformPlainObject(value as Record<string, unknown>);
}

/**
 * Object.prototype or Array.prototype, of this realm or another (a body cloned by structuredClone in
 * a test's context): the prototypes JSON.parse gives, which hold no getter, `then` or class.
 */
function isBuiltInPrototype(prototype: unknown, name: 'Object' | 'Array'): boolean {
  if (typeof prototype !== 'object' || prototype === null) return false;
  const { constructor } = prototype as { constructor?: unknown };
  if (typeof constructor !== 'function' || constructor.name !== name || (constructor as { prototype?: unknown }).prototype !== prototype) return false;
  const above: unknown = Object.getPrototypeOf(prototype);
  return name === 'Object' ? above === null : isBuiltInPrototype(above, 'Object');
}

function newArray(arrayType: new () => unknown): unknown[] {
  const array = new arrayType();
  // What class-transformer's instantiateArrayType makes of anything but an array type: a plain array.
  if (Array.isArray(array) && Object.getPrototypeOf(array) === Array.prototype) return array as unknown[];
  if (array instanceof Set || (typeof array === 'object' && array !== null && 'push' in array)) throw NOT_SURE;
  return [];
}

function transformObject(value: Record<string, unknown>, target: new () => object): object {
  const plan = planOf(target);
  if (!plan) throw NOT_SURE;
  const instance = new target() as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    if (!plan.allowed.has(key)) throw NOT_SURE;
    if (skipsKey(instance, key)) continue;
    const property = propertyPlan(target, plan, key);
    const subValue = value[key];
    let finalValue = transformValue(subValue, property.nested, Array.isArray(subValue) ? property.arrayType : undefined);
    for (const transform of property.transforms) finalValue = transform({ value: finalValue, key, obj: value, type: TransformationType.PLAIN_TO_CLASS, options: TRANSFORM_OPTIONS });
    instance[key] = finalValue;
  }
  return instance;
}

/** A nested object of no class: a new plain object with each value walked the same way (no metadata applies). */
function transformPlainObject(value: Record<string, unknown>): object {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    if (skipsKey(copy, key)) continue;
    copy[key] = transformValue(value[key], undefined);
  }
  return copy;
}

/** class-transformer leaves alone a key whose name is a getter of the class's prototype or any method the new object has. */
function skipsKey(made: Record<string, unknown>, key: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor((made.constructor as { prototype: object }).prototype, key);
  return (descriptor !== undefined && !descriptor.set) || made[key] instanceof Function;
}
