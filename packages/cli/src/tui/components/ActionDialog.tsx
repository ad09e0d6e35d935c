import { Text } from 'ink';
import { Actions, type Dialog } from '../actions.js';
import { Line } from './Line.js';

/** The confirmation of an action, in place of the footer: the object, its cluster, what to answer. */
export function ActionDialog({ dialog, width, color }: { dialog: Dialog; width: number; color: boolean }) {
  const typing = dialog.stage === 'replicas' || dialog.typeToConfirm !== undefined;
  return (
    <Line width={width}>
      <Text bold {...(color ? { color: dialog.kind === 'delete' ? 'red' : 'yellow' } : {})}>
        {Actions.question(dialog)}
      </Text>
      {typing ? <Text inverse> </Text> : null}
    </Line>
  );
}
