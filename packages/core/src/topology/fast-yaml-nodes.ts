/**
 * The nodes the fast reader builds: instances of `yaml`'s own classes (`instanceof`, `isScalar`, the
 * methods), slimmer than the ones its composer builds. A large file has hundreds of thousands of nodes:
 * - the range is three numbers on the node, handed out as `yaml`'s `[start, valueEnd, nodeEnd]` array
 *   when read (an array each is a third of their memory and of the collector's work);
 * - the node type `yaml` tells nodes apart by (`isScalar`, `isPair`…) is on the prototype rather than
 *   defined on each node by `yaml`'s constructors (one slot less on every node, and no
 *   `Object.defineProperty` per node);
 * - a scalar's fields are all set by its constructor, so that they sit in the object itself.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Schema } from 'yaml';

export interface Ranged {
  r0: number;
  r1: number;
  r2: number;
}

/** `yaml`'s identity symbols (`Symbol.for`, shared with every copy of the library). */
const NODE_TYPE = Symbol.for('yaml.node.type');

class ScalarNode implements Ranged {
  r2: number;
  constructor(
    public value: unknown,
    public source: string,
    public type: Scalar.Type,
    public r0: number,
    public r1: number,
  ) {
    this.r2 = r1;
  }
}

function collectionFields(node: { items: unknown[] }, schema: Schema | undefined): void {
  // As `yaml`'s Collection constructor: not enumerable.
  Object.defineProperty(node, 'schema', {
    value: schema,
    configurable: true,
    enumerable: false,
    writable: true,
  });
}

class MapNode implements Ranged {
  items: Pair[] = [];
  r0 = 0;
  r1 = 0;
  r2 = 0;
  constructor(schema: Schema | undefined) {
    collectionFields(this, schema);
  }
}

class SeqNode implements Ranged {
  items: unknown[] = [];
  r0 = 0;
  r1 = 0;
  r2 = 0;
  constructor(schema: Schema | undefined) {
    collectionFields(this, schema);
  }
}

class PairNode {
  constructor(
    public key: unknown,
    public value: unknown,
  ) {}
}

export type FastScalar = Scalar & Ranged;
export type FastMap = YAMLMap & Ranged;
export type FastSeq = YAMLSeq & Ranged;

export const FastScalar = adopt(ScalarNode, Scalar, 'yaml.scalar', true) as new (
  value: unknown,
  source: string,
  type: Scalar.Type,
  start: number,
  end: number,
) => FastScalar;
export const FastMap = adopt(MapNode, YAMLMap, 'yaml.map', true) as new (
  schema: Schema | undefined,
) => FastMap;
export const FastSeq = adopt(SeqNode, YAMLSeq, 'yaml.seq', true) as new (
  schema: Schema | undefined,
) => FastSeq;
export const FastPair = adopt(PairNode, Pair, 'yaml.pair', false) as new (
  key: unknown,
  value: unknown,
) => Pair;

/** Make `cls`'s instances `base`'s, with the node type on the prototype (and the range, if `ranged`). */
function adopt(
  cls: { prototype: object },
  base: { prototype: object },
  type: string,
  ranged: boolean,
): unknown {
  Object.setPrototypeOf(cls.prototype, base.prototype);
  Object.defineProperty(cls.prototype, NODE_TYPE, { value: Symbol.for(type) });
  if (ranged)
    Object.defineProperty(cls.prototype, 'range', {
      configurable: true,
      get(this: Ranged): [number, number, number] {
        return [this.r0, this.r1, this.r2];
      },
      set(this: Ranged, r: [number, number, number]) {
        this.r0 = r[0];
        this.r1 = r[1];
        this.r2 = r[2];
      },
    });
  return cls;
}

export function setRange(node: Ranged, start: number, end: number, end2 = end): void {
  node.r0 = start;
  node.r1 = end;
  node.r2 = end2;
}
