// End-to-end tests start real n8n processes: each CLI command takes seconds, `n8n start` tens.
jest.setTimeout(5 * 60 * 1000);
