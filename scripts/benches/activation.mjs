// activate() time of the production bundle in a real extension host (code-server 4.100.3 = VS Code 1.100.3).
// The extension measures itself: activate() returns { activationMs }. Each page load gets a fresh extension host;
// the figure is the median of BENCH_ACTIVATION_RUNS loads (default 5). The budget applies to activate()'s CPU time
// (user + system of the extension host while it runs): the workbench, code-server and Chromium start on the same
// two cores at that moment, so wall time there measures the machine's contention as much as our code. Wall time
// is printed beside it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const title = 'activation';
const BUDGET_MS = 15;

export async function run(ctx) {
  ctx.buildProduction();
  ctx.compile();
  ctx.ensureTestVSCode();
  const { startCodeServer } = ctx.requireOut('test/runners/codeServerProcess');
  const { launchBrowser, openWorkbench } = ctx.requireOut('test/runners/browser');
  const { withTimeout } = ctx.requireOut('test/runners/processes');
  const { prepareWorkspace } = ctx.requireOut('test/runners/workspace');
  const probe = path.join(ctx.root, 'scripts', 'benches', 'probes', 'activation-probe.cjs');
  const runs = Number(process.env.BENCH_ACTIVATION_RUNS ?? 5);

  const workspace = prepareWorkspace();
  const server = await startCodeServer({ label: 'bench' });
  const browser = await launchBrowser();
  ctx.onDispose(async () => {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const samples = [];
  const cpuSamples = [];
  for (let i = 0; i < runs; i++) {
    let value;
    let cpu;
    const wb = await openWorkbench(browser, server, {
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(ctx.root)],
        ['extensionTestsPath', server.remoteUri(probe)],
      ],
      onLog: (line) => {
        const m = /\[bench\] activationMs=([\d.]+) activationCpuMs=([\d.]+)/.exec(line);
        if (m) [value, cpu] = [Number(m[1]), Number(m[2])];
      },
    });
    const code = await withTimeout('the activation probe', 120_000, wb.exit);
    await wb.page.context().close();
    if (code !== 0 || value === undefined) {
      throw new Error(`probe failed (exit ${code}); workbench log:\n${wb.logs.slice(-30).join('\n')}`);
    }
    console.log(`  run ${i + 1}: activate() ${value.toFixed(2)} ms wall, ${cpu.toFixed(2)} ms CPU`);
    samples.push(value);
    cpuSamples.push(cpu);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return [
    { name: `activate() CPU, median of ${runs}`, value: median(cpuSamples), unit: 'ms', budget: BUDGET_MS },
    { name: `activate() wall, median of ${runs}`, value: median(samples), unit: 'ms' },
    { name: `activate() wall, min of ${runs}`, value: Math.min(...samples), unit: 'ms' },
    { name: `activate() wall, max of ${runs}`, value: Math.max(...samples), unit: 'ms' },
  ];
}
