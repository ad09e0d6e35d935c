/**
 * The nodes the fast reader builds: `yaml`'s own classes, with the range kept as three numbers on the
 * node and handed out as `yaml`'s `[start, valueEnd, nodeEnd]` array when read. A large file has
 * hundreds of thousands of nodes; an array each is a third of their memory and of the collector's work.
 */
import { Scalar, YAMLMap, YAMLSeq } from 'yaml';

export interface Ranged {
  r0: number;
  r1: number;
  r2: number;
}

export class FastScalar extends Scalar implements Ranged {
  r0 = 0;
  r1 = 0;
  r2 = 0;
}

export class FastMap extends YAMLMap implements Ranged {
  r0 = 0;
  r1 = 0;
  r2 = 0;
}

export class FastSeq extends YAMLSeq implements Ranged {
  r0 = 0;
  r1 = 0;
  r2 = 0;
}

for (const cls of [FastScalar, FastMap, FastSeq]) {
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
}

export function setRange(node: Ranged, start: number, end: number, end2 = end): void {
  node.r0 = start;
  node.r1 = end;
  node.r2 = end2;
}
