import { createHash } from 'node:crypto';

import { contentIdKey, contentMessageId } from '../../nodes/Segment/actions/tracking/message';
import { WRITE_KEY } from '../harness/collector';

/**
 * Message ID From Content: a keyed hash of the call with a digest of the write key. The same call
 * and key give the same ID in every version of the package (a re-run after an upgrade must still
 * match); another key gives another ID; an ID gives nothing away about the key.
 */
const CALL = {
	type: 'track',
	userId: '1',
	event: 'Signed Up',
	context: { library: { name: 'n8n-nodes-segment', version: '0.1.0' } },
};

test('the same call and write key give a fixed ID, whatever the library version or key order', () => {
	const id = contentMessageId(CALL, contentIdKey(WRITE_KEY));
	// HMAC-SHA256(SHA-256("n8n-nodes-segment/content-message-id/v1\0" + write key),
	// '{"context":{},"event":"Signed Up","type":"track","userId":"1"}'), computed outside the package.
	expect(id).toBe('n8n-content-e50c1e8639204f55f6ab23d673aeeb03580a7dce');
	const reordered = {
		context: { library: { name: 'n8n-nodes-segment', version: '9.9.9' } },
		event: 'Signed Up',
		userId: '1',
		type: 'track',
	};
	expect(contentMessageId(reordered, contentIdKey(WRITE_KEY))).toBe(id);
});

test('another write key, or other content, gives another ID', () => {
	const id = contentMessageId(CALL, contentIdKey(WRITE_KEY));
	expect(contentMessageId(CALL, contentIdKey('wk_dummy_other_source_3d9e'))).not.toBe(id);
	expect(contentMessageId({ ...CALL, userId: '2' }, contentIdKey(WRITE_KEY))).not.toBe(id);
});

test('neither the ID nor the key it is made with shows the write key or a plain digest of it', () => {
	const key = contentIdKey(WRITE_KEY);
	const id = contentMessageId(CALL, key);
	const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
	const forms = [
		WRITE_KEY,
		Buffer.from(WRITE_KEY).toString('hex'),
		Buffer.from(WRITE_KEY).toString('base64'),
		Buffer.from(`${WRITE_KEY}:`).toString('base64'),
		sha256(WRITE_KEY),
		sha256(WRITE_KEY).slice(0, 40),
		key.toString('hex').slice(0, 40),
	];
	for (const form of forms) expect(id).not.toContain(form);
	// Domain-separated: not the digest any other code would take of the key.
	expect(key.toString('hex')).not.toBe(sha256(WRITE_KEY));
});
