// The jest project's n8n runtime (jest.config.js has one e2e project per runtime): the harness
// reads it, and what the tests start (`npm start`) inherits it.
const { SEGMENT_N8N_RUNTIME } = globalThis as { SEGMENT_N8N_RUNTIME?: string };
if (SEGMENT_N8N_RUNTIME) process.env.SEGMENT_N8N_RUNTIME = SEGMENT_N8N_RUNTIME;

// End-to-end tests start real n8n processes: each CLI command takes seconds, `n8n start` tens.
jest.setTimeout(5 * 60 * 1000);
