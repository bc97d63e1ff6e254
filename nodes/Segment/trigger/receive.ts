import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isRecord } from '../helpers/values';
import { matchesFilter, readEventFilter } from './filters';
import { recentMessageIds, triggerKey } from './recentMessageIds';
import { storedRegistration } from './registration';
import { registeredSharedSecret } from './sharedSecret';
import { checkSignature, SIGNATURE_HEADER } from './signature';

/**
 * A request from Segment: checked, answered at once (n8n answers 200 when the node returns items,
 * as the webhook's `onReceived` mode does), and turned into one output item per event. A request
 * that fails the signature check is answered 401 here and starts no execution.
 */

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.logger.warn(
		`Segment Trigger "${context.getNode().name}": refused a request (${status}): ${message}`,
	);
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
		rawBody?: Buffer;
	};
	const body = this.getBodyData() as unknown;
	const rawBody = Buffer.isBuffer(request.rawBody)
		? request.rawBody
		: Buffer.from(JSON.stringify(body ?? null));

	let secret = '';
	let batchesExpected = true;
	if (this.getNodeParameter('setup', 'automatic') === 'manual') {
		secret = String(this.getNodeParameter('sharedSecret', '') ?? '');
	} else {
		const registration = storedRegistration(this);
		if (!registration) {
			return refuse(
				this,
				401,
				'This trigger has no webhook destination in Segment yet: activate the workflow again',
			);
		}
		const derived = await registeredSharedSecret(this, registration);
		if (derived === undefined) {
			// Answered 500, so Segment sends the event again once the workflow is activated again.
			return refuse(
				this,
				500,
				"This trigger's credential has another Public API Token than when the workflow was activated, so Segment's signature cannot be checked: deactivate and activate the workflow",
			);
		}
		secret = derived;
		batchesExpected = registration.batching;
	}
	if (secret !== '') {
		const check = checkSignature(secret, request.headers[SIGNATURE_HEADER], rawBody, body);
		if (!check.valid) {
			return refuse(
				this,
				401,
				check.reason === 'missing'
					? 'The X-Signature header is missing'
					: 'The X-Signature header does not match the body',
			);
		}
	}
	const isBatch = Array.isArray(body);
	if (isBatch && !batchesExpected) {
		// Segment signs only a batch's first event: a list this mapping never sends is refused.
		return refuse(this, 401, "A batch arrived, but this trigger's mapping does not batch");
	}
	if (!isBatch && !isRecord(body)) {
		return refuse(this, 400, 'Expected a Segment event (a JSON object) or a batch (a JSON list)');
	}

	const filter = readEventFilter.call(this);
	const options = (this.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const dropRepeated = options.dropRepeatedEvents !== false;
	const recent = recentMessageIds(triggerKey(this));
	const now = Date.now();
	const events = isBatch ? (body as unknown[]) : [body];
	const accepted: IDataObject[] = [];
	let filtered = 0;
	let repeated = 0;
	for (const event of events) {
		if (!isRecord(event) || !matchesFilter(filter, event)) {
			filtered++;
			continue;
		}
		const { messageId } = event;
		if (
			dropRepeated &&
			typeof messageId === 'string' &&
			messageId !== '' &&
			recent.seen(messageId, now)
		) {
			repeated++;
			continue;
		}
		accepted.push(event);
	}
	if (accepted.length === 0) {
		// Answered 200, so Segment does not send them again; nothing to run.
		return { webhookResponse: { received: events.length, started: 0, filtered, repeated } };
	}
	return { workflowData: [accepted.map((json) => ({ json }))] };
}
