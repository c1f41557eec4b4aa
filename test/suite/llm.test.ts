// The optional LLM pass in the real extension host: the openai bundle loads on first use, the request goes to a local
// OpenAI-compatible server, only evidence-backed claims are kept, and the preview sends nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentLensApi } from '../../src/vscode/extension';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../helpers/openAiCompatibleServer';

const EXTENSION_ID = 'incident-lens.incident-lens';

describe('optional LLM pass (extension host)', function () {
  this.timeout(90_000);
  let server: OpenAiCompatibleServer | undefined;
  let api: IncidentLensApi;
  const cfg = () => vscode.workspace.getConfiguration('incidentLens.llm');

  before(async () => {
    const ext = vscode.extensions.getExtension<IncidentLensApi>(EXTENSION_ID)!;
    api = await ext.activate();
    await vscode.commands.executeCommand('incidentLens.openDemo');
  });

  after(async () => {
    await server?.close();
    for (const key of ['enabled', 'baseUrl', 'model']) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is off by default and then sends nothing', async () => {
    assert.equal(cfg().get('enabled'), false);
    server = await startOpenAiCompatibleServer([{ content: '{}' }]);
    await cfg().update('baseUrl', server.baseURL, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('incidentLens.llm.analyse');
    assert.equal(server.requests.length, 0);
  });

  it('previews the exact request without sending it', async () => {
    await vscode.commands.executeCommand('incidentLens.llm.preview');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'a preview document is open');
    assert.match(doc.getText(), /Nothing has been sent/);
    assert.match(doc.getText(), /## Analysis report/);
    assert.equal(server!.requests.length, 0);
  });

  it('attaches the grounded model answer to the active report, marked as the model’s', async () => {
    const report = api.services.store.active!.report!;
    const known = report.evidence[0].id;
    server!.replies.splice(0, server!.replies.length, {
      content: JSON.stringify({
        narrative: [{ text: 'The suspect deploy lines up with the new error pattern.', evidence: [known] }, { text: 'Invented.', evidence: ['e-none'] }],
        hypotheses: [],
        fixes: [],
      }),
    });
    await cfg().update('enabled', true, vscode.ConfigurationTarget.Global);
    await cfg().update('model', 'suite-model', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('incidentLens.llm.analyse');
    assert.equal(server!.requests.length, 1);
    const body = JSON.parse(server!.requests[0].body) as { model: string; messages: Array<{ content: string }> };
    assert.equal(body.model, 'suite-model');
    assert.ok(body.messages[1].content.includes(known));
    const llm = (api.services.store.active!.report as { llm?: { source: string; narrative: Array<{ text: string }>; dropped: unknown[] } }).llm;
    assert.ok(llm, 'report.llm is set');
    assert.equal(llm.source, 'llm');
    assert.deepEqual(llm.narrative.map((c) => c.text), ['The suspect deploy lines up with the new error pattern.']);
    assert.equal(llm.dropped.length, 1);
    assert.deepEqual(api.services.store.active!.report!.rootCause, report.rootCause);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /Model narrative \(from suite-model/);
  });
});
