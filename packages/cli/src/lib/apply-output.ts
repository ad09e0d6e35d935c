// Text of `kubectl mc apply`: the plan and result tables (CLUSTER first), the question, the change log
// lines on stderr. Core's, so the editor shows the same plan.
export { alignRows, itemErrorText, planRows, questionText, resultRows } from '@kubectl-mc/core/fleet';
