import * as assert from 'node:assert/strict';
import { mapFrames } from '../../../src/core/stack/mapFrames';
import { parseStack } from '../../../src/core/stack/parseStack';
import { RepoPathIndex } from '../../../src/core/stack/pathIndex';

describe('mapFrames', () => {
  const trace = [
    'Error: boom',
    '    at handler (/var/task/src/app.js:3:1)',
    '    at Layer.handle (/var/task/node_modules/express/lib/router/layer.js:95:5)',
    '    at next (/var/task/node_modules/express/lib/router/route.js:149:13)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n');

  it('in an application repository: library frames stay out even when a file name matches', () => {
    const frames = mapFrames(parseStack(trace).frames, new RepoPathIndex(['src/app.js', 'src/route.js']), []);
    assert.deepEqual(frames.map((f) => [f.path, f.inApp]), [['src/app.js', true], [null, false], [null, false], [null, false]]);
    assert.match(frames[2].unmappedReason!, /library frame, not in the repository \(only the file name matches src\/route\.js\)/);
  });

  it('in the library\'s own repository: its frames are the code under suspicion', () => {
    const frames = mapFrames(parseStack(trace).frames, new RepoPathIndex(['lib/router/layer.js', 'lib/router/route.js', 'index.js']), []);
    assert.deepEqual(frames.map((f) => [f.path, f.inApp]), [[null, false], ['lib/router/layer.js', true], ['lib/router/route.js', true], [null, false]]);
  });

  it('maps Java classes without a file name by package, and names frames with no line', () => {
    const f = mapFrames(parseStack('java.lang.IllegalStateException: x\n\tat com.acme.Gen.run(Unknown Source)\n\tat com.acme.Main.main(Main.java:7)').frames, new RepoPathIndex(['src/main/java/com/acme/Gen.java', 'src/main/java/com/acme/Main.java']), []);
    assert.equal(f[0].path, 'src/main/java/com/acme/Gen.java');
    assert.equal(f[0].mapped, false);
    assert.match(f[0].unmappedReason!, /no line number/);
    assert.deepEqual([f[1].path, f[1].match, f[1].inApp], ['src/main/java/com/acme/Main.java', 'package', true]);
  });
});
