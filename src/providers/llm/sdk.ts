// Bundle entry for the optional LLM pass: built to dist/sdk/llm.js and loaded on first use only. Besides the openai
// client it carries the request builder, grounding and the model-patch machinery, none of which activation needs.
export { default as OpenAI } from 'openai';
export * as openaiErrors from 'openai/error';
export { runLlmAnalysis } from '../../core/llm/llmAnalysis';
export { buildLlmRequest, codeContextPaths, codeFile } from '../../core/llm/request';
export { PatchError } from '../../core/llm/patchDiff';
export { patchChoices } from '../../core/llm/patchProposals';
export { applyToText } from '../../core/llm/patchText';
export { gitRunner } from '../git/gitCli';
export { describeConflict, PatchApplier, PatchConflictError } from '../git/patchApply';
