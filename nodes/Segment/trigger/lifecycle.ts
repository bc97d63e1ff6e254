import { createHash } from 'crypto';

import type { IDataObject, IHookFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SEGMENT_HOSTS, segmentBaseUrl } from '../../../credentials/segmentHosts';
import { asNodeError } from '../helpers/nodeError';
import { asRecord } from '../helpers/values';
import { assertSecretFor, getSegmentCredentials } from '../transport';
import { readEventFilter, subscriptionTrigger, wantsDeletions } from './filters';
import { forgetMessageIds, triggerKey } from './recentMessageIds';
import { newSharedSecret, registeredSharedSecret, type NewSharedSecret } from './sharedSecret';
import {
	answeredStatus,
	clearRegistration,
	createDestination,
	createSubscription,
	deleteDestination,
	deleteSubscription,
	findCatalogEntry,
	getDestination,
	getSubscription,
	listSubscriptions,
	mayHaveHappened,
	registrationName,
	SEND_ACTION_SLUG,
	storedRegistration,
	storeRegistration,
	taggedDestinations,
	WEBHOOK_DESTINATIONS,
	type Registration,
	type WebhookKind,
} from './registration';

/**
 * The trigger's webhook lifecycle (webhookMethods.default): n8n calls checkExists then, if it
 * answers false, create on activation, and delete on deactivation. Automatic setup creates and
 * deletes a webhook destination in Segment; Manual setup has nothing to create.
 */

type Setup = 'automatic' | 'manual';

function setupOf(context: IHookFunctions): Setup {
	return context.getNodeParameter('setup', 'automatic') === 'manual' ? 'manual' : 'automatic';
}

/** Segment's default batch size for a Webhooks (Actions) mapping, and its largest. */
const BATCH_SIZE = { default: 1000, max: 4000 };

/** What Automatic setup should have in Segment, from the node's parameters as they are now. */
interface Wanted {
	sourceId: string;
	webhookUrl: string;
	trigger: string;
	deletions: boolean;
	batching: boolean;
	batchSize: number;
	fingerprint: string;
}

function sourceIdOf(context: IHookFunctions): string {
	const raw = context.getNodeParameter('source', '', { extractValue: true }) as
		string | INodeParameterResourceLocator;
	const value = String((typeof raw === 'object' && raw !== null ? raw.value : raw) ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(
			context.getNode(),
			'Field "Source": choose the source whose events start the workflow, or enter its ID',
		);
	}
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`Field "Source": expected a source ID (letters and digits, as in Segment's settings or its API); got "${value}"`,
		);
	}
	return value;
}

/** Reads and checks the parameters; nothing is sent to Segment before this passes. */
function wanted(context: IHookFunctions): Wanted {
	const sourceId = sourceIdOf(context);
	const filter = readEventFilter.call(context);
	const webhookUrl = context.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL');
	}
	const options = (context.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const batching = options.batchEvents === true;
	const batchSize = batching ? (options.batchSize ?? BATCH_SIZE.default) : 0;
	if (
		batching &&
		(!Number.isInteger(batchSize) ||
			(batchSize as number) < 1 ||
			(batchSize as number) > BATCH_SIZE.max)
	) {
		throw new NodeOperationError(
			context.getNode(),
			`Option "Batch Size": expected a whole number from 1 to ${BATCH_SIZE.max}; got ${String(batchSize)}`,
		);
	}
	const trigger = subscriptionTrigger(filter);
	const deletions = wantsDeletions(filter);
	const fingerprint = createHash('sha256')
		.update(JSON.stringify({ sourceId, webhookUrl, trigger, deletions, batching, batchSize }))
		.digest('hex');
	return {
		sourceId,
		webhookUrl,
		trigger,
		deletions,
		batching,
		batchSize: batchSize as number,
		fingerprint,
	};
}

/**
 * Addresses Segment cannot deliver to: loopback, private, link-local and shared ranges (the
 * Webhooks action refuses them: action-destinations, destinations/webhook/ssrf-utils.ts), and
 * names that only resolve inside a network.
 */
const PRIVATE_HOST =
	/^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|0\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|\[::1?\]|\[f[cd][0-9a-f:]*\]|\[fe[89ab][0-9a-f:]*\])$/i;

/**
 * Segment delivers from the internet and refuses private addresses, so a webhook URL inside the
 * network would never receive anything. Checked when the credential points at Segment itself (a
 * custom Public API Base URL is a proxy or a test server, which may well be local).
 */
async function assertSegmentCanReach(context: IHookFunctions, webhookUrl: string): Promise<void> {
	const credentials = await getSegmentCredentials.call(context);
	const base = segmentBaseUrl(credentials, 'publicApi');
	const isSegment = Object.values(SEGMENT_HOSTS).some((hosts) => hosts.publicApi === base);
	let host = '';
	try {
		host = new URL(webhookUrl).hostname;
	} catch {
		host = '';
	}
	if (isSegment && PRIVATE_HOST.test(host)) {
		throw new NodeOperationError(
			context.getNode(),
			`Segment cannot reach this n8n: its webhook URL is ${webhookUrl}, an address inside your network`,
			{
				description:
					"Set n8n's WEBHOOK_URL environment variable to the public address Segment can reach (https://…), or expose n8n through a tunnel, then activate the workflow again.",
			},
		);
	}
}

function segmentWords(error: unknown): string {
	const { message, httpCode } = error as { message?: string; httpCode?: string };
	return httpCode ? `${httpCode}: ${message ?? ''}` : (message ?? String(error));
}

/**
 * Creates something in Segment. When the answer is unclear (no answer, a server error), the
 * request helper has not repeated it, so Segment is asked whether it exists: if it does, it is
 * used; if not, the error says nothing was left behind.
 */
async function createOrFind(
	context: IHookFunctions,
	what: string,
	create: () => Promise<IDataObject>,
	find: () => Promise<IDataObject | undefined>,
): Promise<IDataObject> {
	try {
		return await create();
	} catch (error) {
		if (!mayHaveHappened(error)) throw asNodeError(context.getNode(), error);
		let found: IDataObject | undefined;
		try {
			found = await find();
		} catch (lookupError) {
			context.logger.warn(
				`Segment Trigger: could not check whether the ${what} was created: ${segmentWords(lookupError)}`,
			);
			throw asNodeError(context.getNode(), error);
		}
		if (found) {
			context.logger.warn(
				`Segment Trigger: creating the ${what} got no clear answer (${segmentWords(error)}); Segment has it, so it is used`,
			);
			return found;
		}
		const described = error as { description?: string | null };
		described.description =
			`${described.description ?? ''} Segment has no ${what} from this attempt (checked), so nothing was left behind.`.trim();
		throw asNodeError(context.getNode(), error);
	}
}

function idOf(context: IHookFunctions, value: IDataObject, what: string): string {
	if (typeof value.id !== 'string' || value.id === '') {
		throw new NodeOperationError(
			context.getNode(),
			`Segment's answer to creating the ${what} has no ID`,
		);
	}
	return value.id;
}

/** Segment answers a workspace without the Destination Subscriptions feature with one of these. */
function refusesSubscriptions(error: unknown): boolean {
	const status = answeredStatus(error);
	return status === 403 || status === 404 || status === 422;
}

/** Deletes what a failed attempt created; a failure to do so is added to the error. */
async function undoDestination(
	context: IHookFunctions,
	destinationId: string,
	error: unknown,
): Promise<void> {
	try {
		await deleteDestination.call(context, destinationId);
	} catch (cleanupError) {
		const described = error as { description?: string | null };
		described.description =
			`${described.description ?? ''} The destination ${destinationId} created for it could not be deleted (${segmentWords(cleanupError)}): the next activation deletes it, or delete it in Segment.`.trim();
	}
}

type Attempt = Registration | { refused: string };

async function createActionsRegistration(
	context: IHookFunctions,
	want: Wanted,
	{ sharedSecret, secretNonce, secretCheck }: NewSharedSecret,
): Promise<Attempt> {
	const { slug, label } = WEBHOOK_DESTINATIONS.actions;
	const catalog = await findCatalogEntry.call(context, slug);
	if (!catalog) return { refused: `Segment's catalog has no ${label} destination (${slug})` };
	const action = catalog.actions.find((candidate) => candidate.slug === SEND_ACTION_SLUG);
	if (!action || typeof action.id !== 'string') {
		return { refused: `the ${label} destination in Segment's catalog has no Send action` };
	}
	const name = registrationName(context, want.webhookUrl);
	const destination = await createOrFind(
		context,
		`${label} destination`,
		async () =>
			await createDestination.call(context, {
				sourceId: want.sourceId,
				metadataId: catalog.id,
				name,
				enabled: true,
				settings: { sharedSecret },
			}),
		async () =>
			(await taggedDestinations.call(context, want.webhookUrl)).find(
				(candidate) => candidate.sourceId === want.sourceId,
			),
	);
	const destinationId = idOf(context, destination, `${label} destination`);
	let subscriptionId: string;
	try {
		const subscription = await createOrFind(
			context,
			'mapping',
			async () =>
				await createSubscription.call(context, destinationId, {
					name,
					actionId: action.id,
					trigger: want.trigger,
					enabled: true,
					settings: {
						url: want.webhookUrl,
						method: 'POST',
						data: { '@path': '$.' },
						enable_batching: want.batching,
						...(want.batching ? { batch_size: want.batchSize } : {}),
					},
				}),
			async () =>
				(await listSubscriptions.call(context, destinationId)).find(
					(candidate) => candidate.name === name,
				),
		);
		subscriptionId = idOf(context, subscription, 'mapping');
	} catch (error) {
		await undoDestination(context, destinationId, error);
		if (refusesSubscriptions(error)) {
			return {
				refused: `Segment refused the mapping (Destination Subscriptions, an alpha Public API some workspaces lack; ${segmentWords(error)})`,
			};
		}
		throw asNodeError(context.getNode(), error);
	}
	return {
		kind: 'actions',
		sourceId: want.sourceId,
		destinationId,
		subscriptionId,
		secretNonce,
		secretCheck,
		webhookUrl: want.webhookUrl,
		batching: want.batching,
		fingerprint: want.fingerprint,
	};
}

function manualSetupError(
	context: IHookFunctions,
	want: Wanted,
	reasons: string[],
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Segment Trigger could not create a webhook destination on source "${want.sourceId}": ${reasons.join('; then ')}`,
		{
			description:
				"Use Setup: Manual instead. In Segment, add a Webhooks (Actions) destination to the source with a mapping that sends to this node's Production URL (or a classic Webhooks destination with that URL), set a Shared Secret in its settings, and enter the same secret in this node.",
		},
	);
}

async function createClassicRegistration(
	context: IHookFunctions,
	want: Wanted,
	{ sharedSecret, secretNonce, secretCheck }: NewSharedSecret,
	whyClassic: string,
): Promise<Registration> {
	const { slug, label } = WEBHOOK_DESTINATIONS.classic;
	const catalog = await findCatalogEntry.call(context, slug);
	if (!catalog) {
		throw manualSetupError(context, want, [
			whyClassic,
			`Segment's catalog has no ${label} destination (${slug})`,
		]);
	}
	let destination: IDataObject;
	try {
		destination = await createOrFind(
			context,
			`${label} destination`,
			async () =>
				await createDestination.call(context, {
					sourceId: want.sourceId,
					metadataId: catalog.id,
					name: registrationName(context, want.webhookUrl),
					enabled: true,
					settings: { hooks: [{ hook: want.webhookUrl, headers: [] }], sharedSecret },
				}),
			async () =>
				(await taggedDestinations.call(context, want.webhookUrl)).find(
					(candidate) => candidate.sourceId === want.sourceId,
				),
		);
	} catch (error) {
		const status = answeredStatus(error);
		if (status === 400 || status === 403 || status === 404 || status === 422) {
			throw manualSetupError(context, want, [
				whyClassic,
				`Segment refused the ${label} destination (${segmentWords(error)})`,
			]);
		}
		throw asNodeError(context.getNode(), error);
	}
	return {
		kind: 'classic',
		sourceId: want.sourceId,
		destinationId: idOf(context, destination, `${label} destination`),
		secretNonce,
		secretCheck,
		webhookUrl: want.webhookUrl,
		batching: false,
		fingerprint: want.fingerprint,
	};
}

/** Deletes a registration: the mapping first, then the destination (which takes any mapping with it). */
async function removeRegistration(
	context: IHookFunctions,
	registration: Registration,
): Promise<void> {
	if (registration.subscriptionId) {
		try {
			await deleteSubscription.call(
				context,
				registration.destinationId,
				registration.subscriptionId,
			);
		} catch (error) {
			context.logger.warn(
				`Segment Trigger: could not delete the mapping ${registration.subscriptionId} (${segmentWords(error)}); deleting its destination removes it`,
			);
		}
	}
	await deleteDestination.call(context, registration.destinationId);
}

/** Deletes what an earlier attempt for this webhook URL left behind (found by its tag). */
async function removeLeftovers(context: IHookFunctions, webhookUrl: string): Promise<void> {
	for (const destination of await taggedDestinations.call(context, webhookUrl)) {
		if (typeof destination.id !== 'string') continue;
		context.logger.info(
			`Segment Trigger: deleting destination ${destination.id}, left behind by an earlier activation of this trigger`,
		);
		await deleteDestination.call(context, destination.id);
	}
}

/**
 * Manual setup creates nothing and has no credential. A destination Automatic setup created is
 * normally deleted when the workflow is deactivated; one that could not be is named in the log.
 */
function noteAutomaticLeftover(context: IHookFunctions, stored: Registration | undefined): void {
	if (!stored) return;
	context.logger.warn(
		`Segment Trigger "${context.getNode().name}": the ${WEBHOOK_DESTINATIONS[stored.kind].label} destination ${stored.destinationId} that Automatic setup created is still in Segment; switch back to Automatic setup and deactivate the workflow, or delete it in Segment`,
	);
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const stored = storedRegistration(this);
	if (setupOf(this) === 'manual') {
		noteAutomaticLeftover(this, stored);
		return true;
	}
	if (!stored) return false;
	const want = wanted(this);
	if (stored.fingerprint !== want.fingerprint) return false;
	if ((await registeredSharedSecret(this, stored)) === undefined) {
		// The Public API token was replaced: Segment signs with a secret it no longer derives.
		this.logger.info(
			`Segment Trigger "${this.getNode().name}": the credential's Public API Token is not the one the webhook destination ${stored.destinationId} was made with; making it again`,
		);
		return false;
	}
	try {
		const destination = await getDestination.call(this, stored.destinationId);
		if (!destination || destination.sourceId !== stored.sourceId) return false;
		if (stored.kind === 'actions') {
			if (!stored.subscriptionId) return false;
			const subscription = await getSubscription.call(
				this,
				stored.destinationId,
				stored.subscriptionId,
			);
			return asRecord(subscription?.settings)?.url === stored.webhookUrl;
		}
		const hooks = asRecord(destination.settings)?.hooks;
		return Array.isArray(hooks) && hooks.some((hook) => asRecord(hook)?.hook === stored.webhookUrl);
	} catch (error) {
		// Segment is unreachable or refuses the token: what was created before still delivers.
		this.logger.warn(
			`Segment Trigger: could not check the webhook destination ${stored.destinationId} in Segment (${segmentWords(error)}); keeping it`,
		);
		return true;
	}
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const stored = storedRegistration(this);
	if (setupOf(this) === 'manual') {
		noteAutomaticLeftover(this, stored);
		return true;
	}
	const want = wanted(this);
	await assertSecretFor.call(this, 'publicApi');
	await assertSegmentCanReach(this, want.webhookUrl);
	if (stored) {
		await removeRegistration(this, stored);
		clearRegistration(this);
	}
	await removeLeftovers(this, want.webhookUrl);

	const secret = await newSharedSecret(this);
	let registration: Registration | undefined;
	let whyClassic = 'Delete events come only from the classic Webhooks destination';
	if (!want.deletions) {
		const attempt = await createActionsRegistration(this, want, secret);
		if ('refused' in attempt) whyClassic = attempt.refused;
		else registration = attempt;
	}
	registration ??= await createClassicRegistration(this, want, secret, whyClassic);
	storeRegistration(this, registration);
	const kind: WebhookKind = registration.kind;
	this.logger.info(
		`Segment Trigger "${this.getNode().name}" (workflow ${this.getWorkflow().id ?? ''}): created a ${WEBHOOK_DESTINATIONS[kind].label} destination ${registration.destinationId}${registration.subscriptionId ? ` with mapping ${registration.subscriptionId}` : ''} on source ${registration.sourceId}${kind === 'classic' ? ` (${whyClassic})` : ''}`,
	);
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const stored = storedRegistration(this);
	if (setupOf(this) === 'manual') {
		noteAutomaticLeftover(this, stored);
		return true;
	}
	if (stored) await removeRegistration(this, stored);
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (webhookUrl) {
		try {
			await removeLeftovers(this, webhookUrl);
		} catch (error) {
			// Nothing of this trigger's is known to be there; the next activation looks again.
			this.logger.warn(
				`Segment Trigger: could not look for destinations left behind by this trigger (${segmentWords(error)})`,
			);
		}
	}
	clearRegistration(this);
	forgetMessageIds(triggerKey(this));
	if (stored) {
		this.logger.info(
			`Segment Trigger "${this.getNode().name}": deleted the ${WEBHOOK_DESTINATIONS[stored.kind].label} destination ${stored.destinationId}`,
		);
	}
	return true;
}
