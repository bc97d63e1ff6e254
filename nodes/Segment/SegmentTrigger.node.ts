import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { triggerProperties } from './trigger/description';
import { checkExists, create, remove } from './trigger/lifecycle';
import { receive } from './trigger/receive';

/**
 * Starts a workflow from Segment events: a webhook destination in Segment (created on activation
 * with Automatic setup, or added by hand) sends each event to this node, which checks Segment's
 * signature, filters and drops repeats, and outputs one item per event.
 */
export class SegmentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segment Trigger',
		name: 'segmentTrigger',
		icon: { light: 'file:segment.svg', dark: 'file:segment.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["setup"] === "manual" ? "Manual setup" : "Automatic setup" }}',
		description:
			'Starts the workflow when Twilio Segment sees an event: a track, identify, page, screen, group or alias call, or a deletion request',
		defaults: { name: 'Segment Trigger' },
		activationMessage:
			"Segment now sends the chosen events of the source to this workflow's production URL. With Automatic setup, the webhook destination was created in Segment (n8n's log names it) and is deleted when you unpublish.",
		triggerPanel: {
			header: 'Pull in events from Segment',
			executionsHelp: {
				inactive:
					"While building, click 'Test this trigger' and send a call to the source (Automatic setup creates a destination for the test URL until the event arrives). Publish the workflow to run it for every event.",
				active:
					'The workflow runs for every event Segment sends (a batch runs once, with one item per event). Its executions list shows each run.',
			},
			activationHint:
				'Once you publish the workflow, Segment sends events to its production URL: Automatic setup creates the webhook destination then, and deletes it when you unpublish.',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'twilioSegmentApi',
				required: true,
				displayOptions: { show: { setup: ['automatic'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchSources: listSearch.searchSources } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
