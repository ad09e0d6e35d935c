import { Text } from 'ink';
import { top, type State } from '../state.js';
import { Line } from './Line.js';

/** The prompt being typed, else the flash message, else the keys of the shown view. */
export function Footer({ state, width }: { state: State; width: number }) {
  if (state.prompt) {
    const sigil = state.prompt.kind === 'command' ? ':' : '/';
    return (
      <Line width={width}>
        <Text bold>
          {sigil}
          {state.prompt.text}
        </Text>
        <Text inverse> </Text>
        {state.flash ? <Text dimColor>{`  ${state.flash}`}</Text> : null}
      </Line>
    );
  }
  if (state.flash) return <Line width={width}>{state.flash}</Line>;
  const f = top(state);
  const hint =
    f.kind === 'logs'
      ? `<esc> back  j/k scroll  G follow  p previous${f.previous ? '✓' : ''}  t timestamps${f.timestamps ? '✓' : ''}  w wrap${f.wrap ? '✓' : ''}  s follow${f.follow ? '✓' : ''}`
      : f.kind === 'yaml' || f.kind === 'help' || f.kind === 'run'
        ? '<esc> back  j/k scroll  g/G top/bottom  q quit'
        : f.kind === 'runs'
          ? ':resource  ⏎ stages and clusters  j/k move  <esc> back  ? help  q quit'
          : f.kind === 'resource'
            ? ':resource  /filter  ⏎ open  y yaml  d describe  l logs  ^d delete  ^k kill  N/A/T sort  n namespace  c clusters  ? help  q quit'
            : ':resource  /filter  ⏎ open  N/S sort  n namespace  c clusters  r refresh  ? help  q quit';
  return (
    <Line width={width}>
      <Text dimColor>{hint}</Text>
    </Line>
  );
}
