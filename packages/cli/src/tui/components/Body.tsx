import { top, type State } from '../state.js';
import { ClustersView } from './ClustersView.js';
import { HelpView } from './HelpView.js';
import { LogsView } from './LogsView.js';
import { PickerView } from './PickerView.js';
import { ResourceView } from './ResourceView.js';
import { RunsView, RunView } from './RunsView.js';
import { YamlView } from './YamlView.js';

/** The open picker, else the view on top of the stack. */
export function Body({
  state,
  color,
  width,
  height,
}: {
  state: State;
  color: boolean;
  width: number;
  height: number;
}) {
  const f = top(state);
  if (state.picker) return <PickerView state={state} width={width} height={height} />;
  switch (f.kind) {
    case 'clusters':
      return <ClustersView state={state} frame={f} color={color} width={width} />;
    case 'resource':
      return <ResourceView state={state} frame={f} color={color} width={width} />;
    case 'yaml':
      return <YamlView frame={f} width={width} height={height} />;
    case 'drift':
      return <YamlView frame={f} width={width} height={height} />;
    case 'logs':
      return <LogsView frame={f} width={width} height={height} />;
    case 'runs':
      return <RunsView state={state} frame={f} color={color} width={width} />;
    case 'run':
      return <RunView state={state} frame={f} width={width} height={height} />;
    case 'help':
      return <HelpView scroll={f.scroll} width={width} height={height} />;
  }
}
