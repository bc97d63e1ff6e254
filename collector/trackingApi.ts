import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { basicAuthUser, isJsonContentType, sendJson } from './http';

/** Segment's documented limits for the HTTP Tracking API. */
export const TRACKING_LIMITS = {
	/** A single call, and each event inside a batch. */
	maxMessageBytes: 32 * 1024,
	/** A whole /v1/batch request. */
	maxBatchBytes: 500 * 1024,
	/** Events per batch kept; Segment answers 200 to a larger batch and drops the rest. */
	maxBatchEvents: 2500,
} as const;

export const CALL_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type CallType = (typeof CALL_TYPES)[number];

const BATCH_PATHS = new Set(['/v1/batch', '/v1/import', '/v1/b']);

export interface ReceivedMessage {
	type: CallType;
	messageId: string;
	/** The message as it arrived (for single calls, with `type` taken from the endpoint). */
	message: Record<string, unknown>;
	writeKey: string;
	endpoint: string;
	receivedAt: string;
}

export interface DroppedMessage {
	reason: string;
	message: unknown;
	endpoint: string;
}

export interface TrackingState {
	received: ReceivedMessage[];
	dropped: DroppedMessage[];
	/** When set, only these write keys are accepted (Segment itself accepts any key). */
	writeKeys?: ReadonlySet<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasText(value: unknown): boolean {
	return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

/**
 * Why Segment would drop this message after answering 200, or undefined when it is kept. Segment
 * only answers 400 for size and JSON errors; everything else is accepted and then dropped.
 */
export function dropReason(message: Record<string, unknown>): string | undefined {
	const type = message.type as string;
	if (!(CALL_TYPES as readonly string[]).includes(type)) return 'unknown_type';
	if (type === 'alias') {
		if (!hasText(message.previousId)) return 'missing_previous_id';
		if (!hasText(message.userId)) return 'missing_user_id';
		return undefined;
	}
	if (!hasText(message.userId) && !hasText(message.anonymousId)) return 'no_user_anon_id';
	if (type === 'track' && !hasText(message.event)) return 'missing_event';
	if (type === 'group' && !hasText(message.groupId)) return 'missing_group_id';
	return undefined;
}

function badRequest(response: ServerResponse, message: string): void {
	sendJson(response, 400, { success: false, code: 'invalid_request', message });
}

/** Handles one Tracking API request the way Segment's api.segment.io does. */
export function handleTrackingRequest(
	state: TrackingState,
	request: IncomingMessage,
	response: ServerResponse,
	path: string,
	body: Buffer,
): void {
	const isBatch = BATCH_PATHS.has(path);
	const singleType = CALL_TYPES.find((type) => path === `/v1/${type}`);
	if (!isBatch && !singleType) {
		sendJson(response, 404, { success: false, message: `No such endpoint: ${path}` });
		return;
	}
	if (request.method !== 'POST') {
		sendJson(response, 405, { success: false, message: 'Use POST' });
		return;
	}
	if (!isJsonContentType(request)) {
		badRequest(response, 'Content-Type must be application/json');
		return;
	}
	const limit = isBatch ? TRACKING_LIMITS.maxBatchBytes : TRACKING_LIMITS.maxMessageBytes;
	if (body.length > limit) {
		badRequest(
			response,
			isBatch ? 'Batch payload exceeds the 500KB limit' : 'Message exceeds the 32KB limit',
		);
		return;
	}
	let payload: unknown;
	try {
		payload = JSON.parse(body.toString('utf8'));
	} catch {
		badRequest(response, 'Invalid JSON');
		return;
	}
	if (!isRecord(payload)) {
		badRequest(response, 'Invalid JSON: expected an object');
		return;
	}

	const writeKey =
		basicAuthUser(request) || (typeof payload.writeKey === 'string' ? payload.writeKey : '');
	if (!writeKey) {
		sendJson(response, 401, { success: false, code: 'unauthorized', message: 'Missing write key' });
		return;
	}
	if (state.writeKeys && !state.writeKeys.has(writeKey)) {
		sendJson(response, 401, { success: false, code: 'unauthorized', message: 'Invalid write key' });
		return;
	}

	let messages: Array<Record<string, unknown>>;
	if (isBatch) {
		if (!Array.isArray(payload.batch)) {
			badRequest(response, 'Invalid JSON: "batch" must be an array');
			return;
		}
		const events = payload.batch as unknown[];
		for (const event of events) {
			if (Buffer.byteLength(JSON.stringify(event) ?? '') > TRACKING_LIMITS.maxMessageBytes) {
				badRequest(response, 'An event in the batch exceeds the 32KB limit');
				return;
			}
		}
		messages = [];
		events.forEach((event, index) => {
			if (index >= TRACKING_LIMITS.maxBatchEvents) {
				state.dropped.push({ reason: 'batch_over_2500_events', message: event, endpoint: path });
			} else if (!isRecord(event)) {
				state.dropped.push({ reason: 'not_an_object', message: event, endpoint: path });
			} else {
				messages.push(event);
			}
		});
	} else {
		const message: Record<string, unknown> = { ...payload, type: singleType };
		delete message.writeKey;
		messages = [message];
	}

	const receivedAt = new Date().toISOString();
	for (const message of messages) {
		const reason = dropReason(message);
		if (reason) {
			state.dropped.push({ reason, message, endpoint: path });
			continue;
		}
		const messageId =
			typeof message.messageId === 'string' ? message.messageId : `api-${randomUUID()}`;
		state.received.push({
			type: message.type as CallType,
			messageId,
			message,
			writeKey,
			endpoint: path,
			receivedAt,
		});
	}
	sendJson(response, 200, { success: true });
}
