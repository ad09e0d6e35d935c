/** Helpers several layers use: durations, waiting under a signal, text escaping, did-you-mean. */
export { parseDuration, formatDuration, humanDuration } from './duration.js';
export { sleep, raceAbort, deadlineOf, setDeadline } from './abort.js';
export { escapeTerminal, escapeJsonText, isTerminalSafe } from './escape.js';
export { escapeControl, q, oneLine, redact, valueText } from './text.js';
export { editDistance, didYouMean, defaultMaxDistance } from './suggest.js';
export {
  parseQuantity,
  ceilScaled,
  milliValue,
  quantityValue,
  addQuantities,
  ZERO_QUANTITY,
} from './quantity.js';
export type { Quantity } from './quantity.js';
