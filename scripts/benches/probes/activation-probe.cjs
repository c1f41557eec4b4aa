// Loaded by VS Code as extensionTestsPath for the activation bench: reports the extension's own activate() time.
const vscode = require('vscode');

exports.run = async function run() {
  const ext = vscode.extensions.getExtension('incident-lens.incident-lens');
  if (!ext) throw new Error('incident-lens.incident-lens is not loaded');
  const api = await ext.activate();
  if (typeof api?.activationMs !== 'number') throw new Error('activate() did not return { activationMs }');
  console.log(`[bench] activationMs=${api.activationMs} activationCpuMs=${api.activationCpuMs}`);
};
