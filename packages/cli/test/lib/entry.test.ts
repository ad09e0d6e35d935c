import assert from 'node:assert/strict';
import { cliArgv } from '../../src/lib/entry.js';

describe('entry: kubectl help forms', () => {
  it('turns "help [command…]" into the command with --help', () => {
    assert.deepEqual(cliArgv(['help']), ['--help']);
    assert.deepEqual(cliArgv(['help', 'get']), ['get', '--help']);
    assert.deepEqual(cliArgv(['help', 'top', 'pods']), ['top', 'pods', '--help']);
  });
  it('leaves every other command line alone, "help" as an argument included', () => {
    assert.deepEqual(cliArgv(['get', 'pods', 'help']), ['get', 'pods', 'help']);
    assert.deepEqual(cliArgv([]), []);
  });
});
