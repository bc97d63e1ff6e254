import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Segment's webhook signature: with a shared secret set on the destination, every request carries
 * `X-Signature`, the hex HMAC-SHA1 of the JSON it sent, keyed with the secret.
 * - Webhooks (Actions) signs `JSON.stringify(data)` of the payload, and for a batch (a JSON array)
 *   of the **first** event only (segmentio/action-destinations, destinations/webhook/index.ts,
 *   `extendRequest`; confirmed by Twilio support's "How Segment computes x-signature for batched
 *   webhooks"). The other events of a batch are not covered by the signature.
 * - Classic Webhooks signs the JSON-stringified body (Segment's Webhooks destination docs).
 * A body Segment serialised with JSON.stringify reads back to the same text, so the node checks the
 * bytes as they arrived and, for a batch, the first event as JSON.stringify writes it.
 */
export const SIGNATURE_HEADER = 'x-signature';

export function signatureOf(secret: string, text: string | Buffer): string {
	return createHmac('sha1', secret).update(text).digest('hex');
}

/** The texts Segment may have signed for this body. */
function signedTexts(rawBody: Buffer, body: unknown): Array<string | Buffer> {
	if (Array.isArray(body)) return body.length > 0 ? [JSON.stringify(body[0])] : [];
	const texts: Array<string | Buffer> = [rawBody];
	if (body !== null && typeof body === 'object') texts.push(JSON.stringify(body));
	return texts;
}

function equalInConstantTime(expected: string, given: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	// Compared at equal length, so the time taken does not tell how much of it matched.
	if (a.length !== b.length) {
		timingSafeEqual(a, a);
		return false;
	}
	return timingSafeEqual(a, b);
}

export type SignatureCheck = { valid: true } | { valid: false; reason: 'missing' | 'mismatch' };

/** Whether `header` is Segment's signature of this request, compared in constant time. */
export function checkSignature(
	secret: string,
	header: string | string[] | undefined,
	rawBody: Buffer,
	body: unknown,
): SignatureCheck {
	const given = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
	if (!given) return { valid: false, reason: 'missing' };
	let valid = false;
	for (const text of signedTexts(rawBody, body)) {
		// Every candidate is compared, so the time taken does not tell which one matched.
		if (equalInConstantTime(signatureOf(secret, text), given)) valid = true;
	}
	return valid ? { valid: true } : { valid: false, reason: 'mismatch' };
}
