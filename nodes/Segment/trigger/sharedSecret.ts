import { createHash, createHmac, randomBytes } from 'crypto';

import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { SECRET_FIELD } from '../../../credentials/segmentHosts';
import { getSegmentCredentials } from '../transport';

/**
 * The shared secret Automatic setup gives its webhook destination is derived, never stored: the
 * HMAC-SHA256 of a random nonce, keyed with the credential's Public API token. The workflow's
 * static data (which n8n keeps unencrypted and `n8n export:workflow` prints) holds only the nonce
 * and a check digest; neither reveals the secret without the token, which n8n keeps encrypted.
 */
const DOMAIN = 'n8n-nodes-segment/trigger-shared-secret/v1';

export function deriveSharedSecret(publicApiToken: string, nonce: string): string {
	return createHmac('sha256', publicApiToken).update(`${DOMAIN}\0${nonce}`).digest('hex');
}

/** A one-way digest of the secret: tells whether today's token still derives it. */
export function secretCheckOf(sharedSecret: string): string {
	return createHash('sha256').update(`${DOMAIN}/check\0${sharedSecret}`).digest('hex').slice(0, 16);
}

async function publicApiToken(
	context: IHookFunctions | IWebhookFunctions,
): Promise<string | undefined> {
	const token = (await getSegmentCredentials.call(context))[SECRET_FIELD.publicApi];
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/** A new shared secret, and what a registration keeps of it. */
export interface NewSharedSecret {
	sharedSecret: string;
	secretNonce: string;
	secretCheck: string;
}

/** A new secret for a destination, derived from a new nonce and the credential's token. */
export async function newSharedSecret(context: IHookFunctions): Promise<NewSharedSecret> {
	const token = await publicApiToken(context);
	if (token === undefined) throw new Error('A shared secret needs the Public API Token');
	const secretNonce = randomBytes(32).toString('hex');
	const sharedSecret = deriveSharedSecret(token, secretNonce);
	return { sharedSecret, secretNonce, secretCheck: secretCheckOf(sharedSecret) };
}

/**
 * The secret a registration's destination was given, derived with the credential's token as it is
 * now; undefined when there is no token, or when it is not the token the registration was made with
 * (it was replaced since): the destination still signs with the old secret.
 */
export async function registeredSharedSecret(
	context: IHookFunctions | IWebhookFunctions,
	registration: { secretNonce?: unknown; secretCheck?: unknown },
): Promise<string | undefined> {
	const { secretNonce, secretCheck } = registration;
	if (typeof secretNonce !== 'string' || typeof secretCheck !== 'string') return undefined;
	const token = await publicApiToken(context);
	if (token === undefined) return undefined;
	const secret = deriveSharedSecret(token, secretNonce);
	return secretCheckOf(secret) === secretCheck ? secret : undefined;
}
