import type { INodeProperties } from 'n8n-workflow';

import { retryOptions } from '../../transport/retryOptions';
import { sortedByDisplayName } from '../common.descriptions';

/**
 * Parameters shared by several tracking calls. Each operation file lists the ones it uses; the
 * reading of them lives in ./message.ts.
 */

export const identityFields: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 97980cfea0067',
		description:
			'Your unique, permanent ID for the user (a database or CRM ID). Give this or Anonymous ID, or both.',
	},
	{
		displayName: 'Anonymous ID',
		name: 'anonymousId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 507f191e810c19729de860ea',
		description:
			'An ID for a visitor you cannot identify yet (a cookie or device ID). Give this or User ID, or both.',
	},
];

export type PayloadKey = 'properties' | 'traits';

/** Properties or traits, entered as typed fields or as one JSON object. */
export function payloadFields(key: PayloadKey, description: string): INodeProperties[] {
	const label = key === 'properties' ? 'Properties' : 'Traits';
	return [
		{
			displayName: `${label} Input`,
			name: `${key}Input`,
			type: 'options',
			options: [
				{
					name: 'Fields',
					value: 'fields',
					description: 'Name each value and choose its type (text, number, boolean, list, object)',
				},
				{
					name: 'JSON',
					value: 'json',
					description: `Write the ${key} as one JSON object`,
				},
			],
			default: 'fields',
			description: `How to enter the ${key}`,
		},
		{
			displayName: label,
			name: key,
			type: 'assignmentCollection',
			default: {},
			description,
			displayOptions: { show: { [`${key}Input`]: ['fields'] } },
		},
		{
			displayName: `${label} (JSON)`,
			name: `${key}Json`,
			type: 'json',
			default: '{}',
			description: `As one JSON object. ${description.replace(/\.$/, '')}.`,
			displayOptions: { show: { [`${key}Input`]: ['json'] } },
		},
	];
}

function textField(
	displayName: string,
	name: string,
	description: string,
	placeholder = '',
): INodeProperties {
	return { displayName, name, type: 'string', default: '', description, placeholder };
}

function contextGroup(
	displayName: string,
	name: string,
	description: string,
	values: INodeProperties[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		description,
		options: [{ displayName, name: 'values', values: sortedByDisplayName(values) }],
	};
}

/** Segment's common context fields (https://segment.com/docs/connections/spec/common/#context). */
export const contextField: INodeProperties = {
	displayName: 'Context',
	name: 'context',
	type: 'collection',
	placeholder: 'Add Context Field',
	default: {},
	description:
		'Extra information about the call, in the shape of Segment\'s common "context" object',
	options: [
		{
			displayName: 'Additional Context (JSON)',
			name: 'json',
			type: 'json',
			default: '{}',
			description:
				'Any other context fields, as a JSON object. Merged over the fields above (nested objects are merged).',
		},
		contextGroup('App', 'app', 'The app the call came from', [
			textField('Name', 'name', 'App name'),
			textField('Version', 'version', 'App version'),
			textField('Build', 'build', 'App build'),
			textField('Namespace', 'namespace', 'App namespace', 'e.g. com.example.app'),
		]),
		contextGroup(
			'Campaign',
			'campaign',
			'The marketing campaign (UTM parameters) that brought the user',
			[
				textField('Name', 'name', 'Campaign name (utm_campaign)'),
				textField('Source', 'source', 'Campaign source (utm_source)'),
				textField('Medium', 'medium', 'Campaign medium (utm_medium)'),
				textField('Term', 'term', 'Campaign term (utm_term)'),
				textField('Content', 'content', 'Campaign content (utm_content)'),
			],
		),
		contextGroup('Device', 'device', "The user's device", [
			textField('ID', 'id', 'Device ID'),
			textField('Advertising ID', 'advertisingId', 'Advertising ID (IDFA or AAID)'),
			textField('Manufacturer', 'manufacturer', 'Device manufacturer', 'e.g. Apple'),
			textField('Model', 'model', 'Device model', 'e.g. iPhone15,2'),
			textField('Name', 'name', 'Device name'),
			textField('Type', 'type', 'Device type', 'e.g. ios'),
			textField('Version', 'version', 'Device version'),
		]),
		textField('IP', 'ip', "The user's IP address, used for geolocation", 'e.g. 203.0.113.7'),
		textField('Locale', 'locale', "The user's locale", 'e.g. en-US'),
		contextGroup('Location', 'location', "The user's location", [
			textField('City', 'city', 'Name of the city', 'e.g. Amsterdam'),
			textField('Country', 'country', 'Name of the country', 'e.g. Netherlands'),
			textField('Region', 'region', 'Region or state'),
			textField('Latitude', 'latitude', 'Latitude, as a number', 'e.g. 52.37'),
			textField('Longitude', 'longitude', 'Longitude, as a number', 'e.g. 4.89'),
			textField('Speed', 'speed', 'Speed, as a number'),
		]),
		contextGroup('OS', 'os', "The user's operating system", [
			textField('Name', 'name', 'Operating system name', 'e.g. iOS'),
			textField('Version', 'version', 'Operating system version', 'e.g. 17.1'),
		]),
		contextGroup('Page', 'page', 'The page the call happened on', [
			textField('Path', 'path', 'Path of the page', 'e.g. /pricing'),
			textField('Referrer', 'referrer', 'Full URL of the previous page'),
			textField('Search', 'search', 'Query string of the URL', 'e.g. ?plan=pro'),
			textField('Title', 'title', 'Title of the page'),
			textField('URL', 'url', 'Full URL of the page', 'e.g. https://example.com/pricing'),
		]),
		textField(
			'Timezone',
			'timezone',
			"The user's timezone, as a tz database name",
			'e.g. Europe/Amsterdam',
		),
		{
			displayName: 'Traits (JSON)',
			name: 'traits',
			type: 'json',
			default: '{}',
			description:
				'User traits to send with a call other than Identify (context.traits), as a JSON object',
		},
		textField('User Agent', 'userAgent', "The user's browser user agent"),
	],
};

/** Which destinations receive the call (https://segment.com/docs/guides/filtering-data/). */
export const integrationsField: INodeProperties = {
	displayName: 'Integrations',
	name: 'integrations',
	type: 'collection',
	placeholder: 'Add Integration Setting',
	default: {},
	description: 'Turn destinations on or off for this call',
	options: [
		{
			displayName: 'All Destinations',
			name: 'all',
			type: 'boolean',
			default: true,
			description:
				'Whether destinations not listed below receive the call. Turn off to send only to the destinations turned on below.',
		},
		{
			displayName: 'Destinations',
			name: 'destinations',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Destination',
			options: [
				{
					displayName: 'Destination',
					name: 'destination',
					values: [
						{
							displayName: 'Destination Name or ID',
							name: 'name',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getDestinationNames' },
							default: '',
							description:
								'The destination as Segment names it in integrations; names are case sensitive (Mixpanel, Google Analytics 4). The list shows the workspace\'s destinations and needs the Public API Token. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Enabled',
							name: 'enabled',
							type: 'boolean',
							default: true,
							description: 'Whether this destination receives the call',
						},
					],
				},
			],
		},
		{
			displayName: 'Integrations (JSON)',
			name: 'json',
			type: 'json',
			default: '{}',
			description:
				'Destination settings as a JSON object, merged over the above; for destination options such as {"Amplitude": {"session_id": 1714560000}}',
		},
	],
};

/** How the calls of a run travel: shared by every tracking operation's Options. */
export const deliveryOptions: INodeProperties[] = [
	...retryOptions,
	{
		displayName: 'Concurrent Requests',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 16 },
		default: 4,
		description:
			"How many requests to Segment may be in flight at once. Requests never exceed Segment's 1,000 per second.",
	},
	{
		displayName: 'Include Sent Message',
		name: 'includeMessage',
		type: 'boolean',
		default: false,
		description: 'Whether each output item also holds the whole message as sent to Segment',
	},
	{
		displayName: 'Message ID From Content',
		name: 'messageIdFromContent',
		type: 'boolean',
		default: false,
		description:
			"Whether a call without a Message ID gets one derived from its content and the credential's write key (a keyed hash; the ID never reveals the key) instead of a random one. Running the workflow again with the same data and credential then sends the same IDs, and Segment drops the calls it already has; another source's identical calls keep IDs of their own. Two identical calls count once: give them a timestamp or a property that tells them apart.",
	},
];

export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: "The call's message ID and timestamp, and how the calls are sent",
	options: sortedByDisplayName([
		...deliveryOptions,
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			default: '',
			description:
				'A unique ID for this call (at most 100 characters). Segment drops a second call with the same ID, so a stable ID makes a re-run safe. Left empty, one is generated.',
		},
		{
			displayName: 'Send in Batches',
			name: 'sendInBatches',
			type: 'boolean',
			default: true,
			description:
				"Whether to send the calls of all input items together through Segment's batch endpoint, in as few requests as its limits allow (500 KB and 2,500 calls per request). Each item still gets its own result. Off: one request per item.",
		},
		{
			displayName: 'Timestamp',
			name: 'timestamp',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2024-05-01T12:00:00Z',
			description:
				'When the call happened, as ISO-8601 with a timezone. Leave empty for calls happening now: Segment stamps them on arrival. Set it for past events.',
		},
	]),
};

/** The fields every tracking call ends with. */
export const commonFields: INodeProperties[] = [contextField, integrationsField, optionsField];

/** Options of the operations that send lists of calls (Batch, Import Historical Data). */
export const callListOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How the calls are sent',
	options: sortedByDisplayName(deliveryOptions),
};

/**
 * The parameters of Batch and Import Historical Data: where the calls come from, and context and
 * integrations merged into every call.
 */
export function callListFields(timestampRule: string): INodeProperties[] {
	const callShape =
		'Each call is a Segment call object with its "type" (track, identify, page, screen, group or alias) and that type\'s fields: userId or anonymousId, event, properties, traits, name, category, groupId, previousId, context, integrations, timestamp, messageId';
	return [
		{
			displayName: 'Calls From',
			name: 'callsFrom',
			type: 'options',
			options: [
				{
					name: 'JSON List',
					value: 'json',
					description: 'A JSON list of calls in each input item',
				},
				{
					name: 'Input Items',
					value: 'items',
					description:
						"Each input item is one call, with Segment's field names (type, userId, event, properties, …)",
				},
			],
			default: 'json',
			description: `Where the calls come from. ${timestampRule}.`,
		},
		{
			displayName: 'Calls (JSON)',
			name: 'calls',
			type: 'json',
			default:
				'[\n  { "type": "identify", "userId": "97980cfea0067", "traits": { "plan": "pro" } },\n  { "type": "track", "userId": "97980cfea0067", "event": "Signed Up" }\n]',
			description: `The calls to send, as a JSON list. ${callShape}.`,
			displayOptions: { show: { callsFrom: ['json'] } },
		},
		{
			...contextField,
			description: "Context merged into every call; a call's own context fields win",
		},
		{
			...integrationsField,
			description: "Integrations merged into every call; a call's own settings win",
		},
		callListOptionsField,
	];
}
