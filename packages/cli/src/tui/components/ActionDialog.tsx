import { Text } from 'ink';
import { Actions, type Dialog } from '../actions.js';
import { fitQuestion } from '../dialogText.js';
import { Line } from './Line.js';

/**
 * The confirmation of an action, in place of the footer: the object, its cluster, what to answer, fitted
 * to the width (long names are cut in their middle; the question and its keys stay whole).
 */
export function ActionDialog({ dialog, width, color }: { dialog: Dialog; width: number; color: boolean }) {
  const typing = dialog.stage === 'replicas' || dialog.typeToConfirm !== undefined;
  const { lead, rest } = Actions.questionParts(dialog);
  // The typing cursor takes a column.
  const text = fitQuestion(lead, dialog.parts, rest, Math.max(1, width - (typing ? 1 : 0)));
  return (
    <Line width={width}>
      <Text
        bold
        {...(color ? { color: dialog.kind === 'delete' || dialog.kind === 'kill' ? 'red' : 'yellow' } : {})}
      >
        {text}
      </Text>
      {typing ? <Text inverse> </Text> : null}
    </Line>
  );
}
