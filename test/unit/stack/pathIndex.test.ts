import * as assert from 'node:assert/strict';
import { normalizeFramePath } from '../../../src/core/stack/framePath';
import { RepoPathIndex } from '../../../src/core/stack/pathIndex';

const files = [
  'src/orders.js',
  'src/index.js',
  'index.js',
  'lib/util.js',
  'packages/api/src/util.js',
  'internal/orders/service.go',
  'service/src/main/java/com/acme/orders/OrderService.java',
  'tools/orders.js',
  'Acme.Orders/OrderService.cs',
];
const index = new RepoPathIndex(files);

describe('RepoPathIndex', () => {
  it('strips deployment prefixes by the longest trailing match', () => {
    for (const [raw, want] of [
      ['/var/task/src/orders.js', 'src/orders.js'],
      ['/usr/src/app/src/orders.js', 'src/orders.js'],
      ['/app/src/orders.js', 'src/orders.js'],
      ['/home/runner/work/shop/shop/internal/orders/service.go', 'internal/orders/service.go'],
      ['/opt/build/repo/lib/util.js', 'lib/util.js'],
      ['file:///var/task/src/orders.js', 'src/orders.js'],
      ['C:\\build\\src\\Acme.Orders\\OrderService.cs', 'Acme.Orders/OrderService.cs'],
      ['webpack://shop/./src/orders.js', 'src/orders.js'],
      ['src/orders.js', 'src/orders.js'],
    ]) assert.equal(index.resolve(raw).path, want, raw);
  });

  it('prefers the candidate matched whole when several match equally', () => {
    assert.equal(index.resolve('/var/task/index.js').path, 'index.js');
  });

  it('reports an ambiguity with its candidates instead of guessing, and breaks it with hints', () => {
    const r = index.resolve('/srv/x/util.js');
    assert.equal(r.path, undefined);
    assert.match((r as { reason: string }).reason, /ambiguous: 2 files end in util\.js \(lib\/util\.js, packages\/api\/src\/util\.js\)/);
    assert.equal(index.resolve('/srv/x/util.js', [], ['packages/api/src/handler.js']).path, 'packages/api/src/util.js');
  });

  it('lets explicit mappings win over the trailing match', () => {
    assert.equal(index.resolve('/var/task/orders.js', [{ from: '/var/task/', to: 'tools/' }]).path, 'tools/orders.js');
    assert.deepEqual(index.resolve('/var/task/orders.js', [{ from: '/var/task', to: 'tools' }]), { path: 'tools/orders.js', match: 'mapping', matchedSegments: 2 });
    const r = index.resolve('/var/task/nope.js', [{ from: '/var/task/', to: 'tools/' }]);
    assert.match((r as { reason: string }).reason, /path mapping turned it into tools\/nope\.js/);
  });

  it('says when no file has the name', () => {
    assert.match((index.resolve('/app/missing.py') as { reason: string }).reason, /no file named missing\.py/);
  });

  it('normalises URLs, drives, dots and percent-escapes', () => {
    assert.equal(normalizeFramePath('file:///C:/app/a%20b/x.js'), '/app/a b/x.js');
    assert.equal(normalizeFramePath('http://localhost:3000/static/js/main.js?v=3'), '/static/js/main.js');
    assert.equal(normalizeFramePath('/app/./src/../lib/x.js'), '/app/lib/x.js');
  });
});
