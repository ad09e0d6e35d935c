/** The dashboard's CPU/MEM poller ends at once when stopped, even in the middle of a poll. */
import { initialState, reducer } from '../../src/tui/state.js';
import { UsagePoller } from '../../src/tui/usage.js';

describe('dashboard usage poller', () => {
  it('stopped while a poll is in flight, ends at once instead of after the metrics period', async () => {
    let release: (() => void) | undefined;
    let polled = () => undefined as void;
    const started = new Promise<void>((r) => (polled = r));
    const tasks: Promise<unknown>[] = [];
    const poller = new UsagePoller(
      {
        podUsage: () => {
          polled();
          return new Promise((r) => (release = () => r([])));
        },
      },
      ['dev'],
      () => undefined,
      (p) => tasks.push(p),
      { refreshMs: 3_600_000, timeoutMs: 3_600_000 },
    );
    const state = reducer(initialState([{ name: 'dev' }]), {
      type: 'batch',
      actions: [
        { type: 'promptOpen', kind: 'command' },
        { type: 'promptText', text: 'pods' },
        { type: 'promptClose', submit: true },
      ],
    });
    poller.sync(state);
    await started;
    poller.stop();
    release!();
    await Promise.all(tasks); // the metrics period (an hour here) would time this test out
  });
});
