import { Box, Text } from 'ink';
import { pickerItems, type State } from '../state.js';
import { Line } from './Line.js';

/**
 * The open picker: radio items for the namespace, check boxes for the clusters, a pod's containers (init
 * containers marked) before its logs.
 */
export function PickerView({ state, width, height }: { state: State; width: number; height: number }) {
  const items = pickerItems(state);
  const p = state.picker!;
  const visible = Math.max(1, height - 1);
  const scroll = Math.max(0, Math.min(p.selected - visible + 1, items.length - visible));
  const heading =
    p.kind === 'namespace'
      ? 'Namespace (Enter picks, Esc closes)'
      : p.kind === 'containers'
        ? `Containers of ${p.logs.clusters[0] ?? ''}/pods/${p.logs.namespace ? `${p.logs.namespace}/` : ''}${p.logs.name} ${p.containers ? '(Enter: logs, p: previous logs, Esc closes)' : '(reading the pod…)'}`
        : 'Clusters included (Enter/space toggles, Esc closes)';
  const mark = (checked: boolean | undefined): string =>
    p.kind === 'clusters'
      ? checked
        ? '[x] '
        : '[ ] '
      : p.kind === 'containers'
        ? ''
        : checked
          ? '(•) '
          : '( ) ';
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{heading}</Text>
      </Line>
      {items.slice(Math.max(0, scroll), Math.max(0, scroll) + visible).map((it, i) => (
        <Line key={it.label} width={width}>
          <Text inverse={Math.max(0, scroll) + i === p.selected}>
            {mark(it.checked)}
            {it.label}
          </Text>
        </Line>
      ))}
    </Box>
  );
}
