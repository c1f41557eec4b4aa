// Bundle entry for the openai client: built to dist/sdk/llm.js and loaded on first use only.
export { default as OpenAI } from 'openai';
export * as openaiErrors from 'openai/error';
