/**
 * An action's question fitted to one terminal line. The object, its namespace and its cluster give way
 * first (the longest piece is cut in its middle, `web-7d9…x2k`, so both ends stay recognisable); the
 * question and the keys to answer with come last, so they stay visible however long a pod's name is.
 */

/** What an action is on, each piece escaped for the terminal. */
export interface WhatParts {
  /** `pods/web-7d9f…` */
  object: string;
  namespace?: string;
  cluster: string;
}

export function whatText(p: WhatParts, object = p.object, namespace = p.namespace, cluster = p.cluster) {
  return `${object}${namespace !== undefined ? ` -n ${namespace}` : ''} on cluster ${cluster}`;
}

/** `text` in `width` columns, cut in the middle with an ellipsis. */
export function middle(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return `${chars.slice(0, head).join('')}…${tail ? chars.slice(-tail).join('') : ''}`;
}

/**
 * The order pieces give way in (0 object, 1 namespace, 2 cluster): the object and namespace first, the
 * cluster (which one is changed matters most) last, each to a floor, then everything down to `…`.
 */
const PASSES: ReadonlyArray<{ pieces: number[]; floor: number }> = [
  { pieces: [0, 1], floor: 16 },
  { pieces: [2], floor: 16 },
  { pieces: [0, 1, 2], floor: 5 },
  { pieces: [0, 1, 2], floor: 1 },
];

/**
 * `lead + what + rest` in at most `width` columns: the pieces of `what` shortened (longest first) while
 * they can give; if that is not enough, the line's start is cut (`…`) so its end, the keys and what is
 * being typed, stays.
 */
export function fitQuestion(lead: string, parts: WhatParts, rest: string, width: number): string {
  const full = `${lead}${whatText(parts)}${rest}`;
  if ([...full].length <= width) return full;
  const lens = [parts.object, parts.namespace ?? '', parts.cluster].map((t) => [...t].length);
  let over = [...full].length - width;
  for (const { pieces, floor } of PASSES) {
    while (over > 0) {
      let i = -1;
      for (const j of pieces) if (lens[j]! > floor && (i < 0 || lens[j]! > lens[i]!)) i = j;
      if (i < 0) break;
      lens[i]!--;
      over--;
    }
  }
  const fitted = `${lead}${whatText(
    parts,
    middle(parts.object, lens[0]!),
    parts.namespace !== undefined ? middle(parts.namespace, lens[1]!) : undefined,
    middle(parts.cluster, lens[2]!),
  )}${rest}`;
  const chars = [...fitted];
  if (chars.length <= width) return fitted;
  return width <= 1 ? chars.slice(-width).join('') : `…${chars.slice(-(width - 1)).join('')}`;
}
