import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { asRecord } from '../helpers/values';

const MAX_MESSAGE_LENGTH = 300;

function firstText(...candidates: unknown[]): string | undefined {
	for (const candidate of candidates) {
		if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
	}
	return undefined;
}

/**
 * Segment's own words from an error body. The Public API answers
 * `{ errors: [{ type, message, field }] }`; the Tracking API and proxies answer `{ message }`,
 * `{ error }`, plain text or HTML.
 */
export function segmentErrorMessage(body: unknown): string {
	const record = asRecord(body);
	if (record) {
		const errors = Array.isArray(record.errors) ? record.errors : [];
		const fromErrors = errors
			.map((entry) => {
				const error = asRecord(entry);
				if (!error) return undefined;
				const message = firstText(error.message, error.type);
				const field = firstText(error.field);
				return message && field ? `${message} (field: ${field})` : message;
			})
			.filter((message): message is string => message !== undefined);
		if (fromErrors.length > 0) return truncate(fromErrors.join('; '));
		const nested = asRecord(record.error);
		const text = firstText(record.message, record.error, nested?.message, record.code);
		if (text) return truncate(text);
		return truncate(JSON.stringify(record));
	}
	if (typeof body === 'string' && body.trim() !== '') {
		const withoutTags = body
			.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		return truncate(withoutTags || body.trim());
	}
	return 'no error message in the response';
}

function truncate(text: string): string {
	return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

/**
 * The forms in which the credential's secrets could appear in text: raw, and, for the two sent as
 * an HTTP Basic user name (the write key, the Profile API access token), as that header's value.
 */
function secretForms(credentials: ICredentialDataDecryptedObject): string[] {
	const forms: string[] = [];
	for (const key of ['writeKey', 'publicApiToken', 'profileApiToken'] as const) {
		const secret = credentials[key];
		if (typeof secret !== 'string' || secret.length < 4) continue;
		forms.push(secret);
		if (key !== 'publicApiToken') {
			const basic = Buffer.from(`${secret}:`, 'utf8').toString('base64');
			forms.push(basic, basic.replace(/=+$/, ''));
		}
	}
	return forms.sort((a, b) => b.length - a.length);
}

/** Replaces every secret of the credential inside `value` (strings, arrays, objects) with [redacted]. */
export function redactSecrets<T>(value: T, credentials: ICredentialDataDecryptedObject): T {
	const forms = secretForms(credentials);
	if (forms.length === 0) return value;
	const redact = (input: unknown): unknown => {
		if (typeof input === 'string') {
			return forms.reduce((text, form) => text.split(form).join('[redacted]'), input);
		}
		if (Array.isArray(input)) return input.map(redact);
		const record = asRecord(input);
		if (record) {
			return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, redact(entry)]));
		}
		return input;
	};
	return redact(value) as T;
}

/**
 * Replaces each of `secrets` (raw and URL-encoded: a write key in a request path) in an error's
 * texts with [redacted], in place, for values that are not the credential's own secrets.
 */
export function redactErrorValues(error: unknown, secrets: string[]): void {
	const forms = secrets
		.filter((secret) => secret.length >= 4)
		.flatMap((secret) => [secret, encodeURIComponent(secret)])
		.sort((a, b) => b.length - a.length);
	if (forms.length === 0 || error === null || typeof error !== 'object') return;
	const mask = (value: unknown): unknown => {
		if (typeof value === 'string') {
			return forms.reduce((masked, form) => masked.split(form).join('[redacted]'), value);
		}
		if (Array.isArray(value)) return value.map(mask);
		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, mask(entry)]));
		}
		return value;
	};
	const target = error as Record<string, unknown>;
	for (const key of ['message', 'description', 'context', 'errorResponse', 'messages', 'cause']) {
		if (target[key] !== undefined && target[key] !== null) target[key] = mask(target[key]);
	}
}
