import assert from 'node:assert/strict';
import { invokedName } from '../../src/lib/invoked.js';

describe('cli/lib invokedName', () => {
  it('is "kubectl mc" when the shell started kubectl (any version, any platform)', () => {
    for (const started of ['/usr/bin/kubectl', '/opt/k/kubectl1.32', 'C:\\\\bin\\\\kubectl.exe', 'kubectl'])
      assert.equal(invokedName({ _: started.replaceAll('\\\\', '/') }), 'kubectl mc', started);
  });
  it('is "kubectl-mc" when run directly, by another program or with no `_`', () => {
    for (const env of [
      { _: '/usr/local/bin/kubectl-mc' },
      { _: '/usr/bin/npx' },
      { _: '/usr/bin/kubectlx' },
      {},
    ])
      assert.equal(invokedName(env), 'kubectl-mc', JSON.stringify(env));
  });
  it('KUBECTL_MC_INVOKED_AS overrides, and only with one of the two names', () => {
    assert.equal(invokedName({ _: '/usr/bin/kubectl', KUBECTL_MC_INVOKED_AS: 'kubectl-mc' }), 'kubectl-mc');
    assert.equal(invokedName({ KUBECTL_MC_INVOKED_AS: 'kubectl mc' }), 'kubectl mc');
    assert.equal(invokedName({ KUBECTL_MC_INVOKED_AS: 'rm -rf' }), 'kubectl-mc');
  });
});
