/**
 * Sent as `context.library` with every tracking call, as Segment's own libraries do, so the calls
 * can be told apart in Segment's debugger. A test keeps the version equal to package.json's.
 */
export const LIBRARY = { name: 'n8n-nodes-segment', version: '0.1.0' } as const;
