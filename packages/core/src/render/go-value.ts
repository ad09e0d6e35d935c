/**
 * Go's reflect.Value, as far as kubectl's Go templates need it: a value and its static type. Data from
 * an object is `interface {}` (map and array elements) until a pipeline unwraps it; literals and
 * function results have concrete types (`int`, `float64`, `string`, `bool`).
 */
import { formatFloat, goSprint, goTypeName, isInt64 } from './go-format.js';

export interface GoVal {
  /** Go's static type name, or 'invalid' for the zero reflect.Value (a missing key, an unset nil) */
  t: string;
  v: unknown;
}

export const INVALID: GoVal = { t: 'invalid', v: undefined };

export const goVal = (t: string, v: unknown): GoVal => ({ t, v });

/** The concrete value inside an `interface {}` holding unstructured data (nil → INVALID). */
export function concrete(v: unknown): GoVal {
  if (v === null || v === undefined) return INVALID;
  return { t: goTypeName(v), v };
}

/** An element of a map or array: an `interface {}` around the data. */
export const iface = (v: unknown): GoVal => ({ t: 'interface {}', v: v === undefined ? null : v });

export const isValid = (g: GoVal): boolean => g.t !== 'invalid';

/** reflect.Value.Kind() of a value (interfaces report 'interface'). */
export function kindOf(g: GoVal): string {
  switch (g.t) {
    case 'invalid':
      return 'invalid';
    case 'interface {}':
      return 'interface';
    case 'map[string]interface {}':
      return 'map';
    case '[]interface {}':
      return 'slice';
    case 'int':
    case 'int64':
      return 'int';
    case 'uint8':
      return 'uint';
    case 'float64':
      return 'float';
    default:
      return g.t;
  }
}

/** text/template's indirectInterface: the value inside an interface (a nil one → INVALID). */
export function indirectInterface(g: GoVal): GoVal {
  if (g.t !== 'interface {}') return g;
  return concrete(g.v);
}

/** text/template's indirect: through interfaces; `isNil` for a nil interface. */
export function indirect(g: GoVal): [GoVal, boolean] {
  if (g.t !== 'interface {}') return [g, false];
  if (g.v === null) return [g, true];
  return [concrete(g.v), false];
}

/** The length of a string as Go counts it (UTF-8 bytes). */
export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** text/template's isTrue. */
export function isTrue(g: GoVal): boolean {
  switch (kindOf(g)) {
    case 'invalid':
      return false;
    case 'string':
      return (g.v as string).length > 0;
    case 'map':
      return Object.keys(g.v as object).length > 0;
    case 'slice':
      return (g.v as unknown[]).length > 0;
    case 'bool':
      return g.v as boolean;
    case 'int':
    case 'uint':
    case 'float':
      return (g.v as number) !== 0;
    case 'interface':
      return g.v !== null;
    default:
      return true;
  }
}

/** fmt.Sprint of one value, as the template prints an action's result. */
export function sprintValue(g: GoVal): string {
  switch (g.t) {
    case 'invalid':
      return '<nil>';
    case 'float64':
      return formatFloat(g.v as number, 'g', -1);
    case 'int':
    case 'int64':
    case 'uint8':
      return String(g.v);
    default:
      return goSprint(g.v);
  }
}

/** The dynamic value an `interface {}` parameter receives (INVALID → nil). */
export function dynamic(g: GoVal): GoVal {
  if (g.t === 'interface {}') return g.v === null ? { t: 'nil', v: null } : concrete(g.v);
  if (g.t === 'invalid') return { t: 'nil', v: null };
  return g;
}

/** A number's Go type when it came from data. */
export const numberType = (n: number): string => (isInt64(n) ? 'int64' : 'float64');
