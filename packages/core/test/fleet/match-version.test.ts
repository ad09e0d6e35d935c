import assert from 'node:assert/strict';
import { goVersionInfo, versionsMatch } from '../../src/fleet/match-version.js';

describe('--match-server-version', () => {
  it("prints a version as Go's %#v of version.Info, empty fields included", () => {
    assert.equal(
      goVersionInfo({ major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' }),
      'version.Info{Major:"1", Minor:"32", GitVersion:"v1.32.4", GitCommit:"", GitTreeState:"", BuildDate:"", GoVersion:"", Compiler:"", Platform:"linux/amd64"}',
    );
    assert.equal(goVersionInfo({ gitVersion: 'v1"\n' }).split(', ')[2], 'GitVersion:"v1\\"\\n"');
  });

  it('matches on gitVersion, gitCommit and gitTreeState only, as client-go', () => {
    const v = { gitVersion: 'v1.32.4', gitCommit: 'abc', gitTreeState: 'clean', buildDate: 'x' };
    assert.ok(versionsMatch(v, { ...v, buildDate: 'y', minor: '32+' }));
    assert.ok(!versionsMatch(v, { ...v, gitCommit: 'abd' }));
    assert.ok(!versionsMatch(v, { ...v, gitTreeState: 'dirty' }));
    assert.ok(!versionsMatch(v, { ...v, gitVersion: 'v1.32.5' }));
  });
});
