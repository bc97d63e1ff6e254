import { Analytics } from '@segment/analytics-node';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { collectorCredentials, useCollector, WRITE_KEY } from '../harness/collector';
import { runSegmentNode } from '../harness/engine';

/**
 * For the same inputs, the message this node sends matches the one Segment's own Node library
 * (@segment/analytics-node) sends to the same collector. Compared: type, ids, event, name,
 * category, properties or traits, context (without `library`), integrations, the timestamp's form
 * and that a messageId is present.
 */
const collector = useCollector();

const TIMESTAMP = '2024-05-01T14:30:00.250+02:00';
const CONTEXT = {
	ip: '203.0.113.7',
	locale: 'nl-NL',
	page: { path: '/pricing', url: 'https://example.com/pricing' },
};
const INTEGRATIONS = { All: false, Mixpanel: true };

const NODE_COMMON: INodeParameters = {
	resource: 'tracking',
	options: { timestamp: TIMESTAMP },
	context: {
		ip: CONTEXT.ip,
		locale: CONTEXT.locale,
		page: { values: { path: CONTEXT.page.path, url: CONTEXT.page.url } },
	},
	integrations: {
		all: false,
		destinations: { destination: [{ name: 'Mixpanel', enabled: true }] },
	},
};
const LIBRARY_COMMON = {
	timestamp: new Date(TIMESTAMP),
	context: CONTEXT,
	integrations: INTEGRATIONS,
};

const PROPERTIES = {
	revenue: 42.5,
	currency: 'EUR',
	items: [{ sku: 'A-1', quantity: 2 }],
	gift: false,
};
const TRAITS = { email: 'ada@example.com', plan: 'pro', logins: 5, address: { city: 'Amsterdam' } };

const CASES: Array<{
	name: string;
	node: INodeParameters;
	library: (analytics: Analytics) => void;
}> = [
	{
		name: 'track',
		node: {
			operation: 'track',
			userId: 'user-1',
			event: 'Order Completed',
			propertiesInput: 'json',
			propertiesJson: JSON.stringify(PROPERTIES),
		},
		library: (a) =>
			a.track({
				userId: 'user-1',
				event: 'Order Completed',
				properties: PROPERTIES,
				...LIBRARY_COMMON,
			}),
	},
	{
		name: 'identify',
		node: {
			operation: 'identify',
			userId: 'user-1',
			anonymousId: 'anon-1',
			traitsInput: 'json',
			traitsJson: JSON.stringify(TRAITS),
		},
		library: (a) =>
			a.identify({ userId: 'user-1', anonymousId: 'anon-1', traits: TRAITS, ...LIBRARY_COMMON }),
	},
	{
		name: 'page',
		node: {
			operation: 'page',
			anonymousId: 'anon-1',
			name: 'Pricing',
			category: 'Marketing',
			propertiesInput: 'json',
			propertiesJson: '{"title": "Pricing"}',
		},
		library: (a) =>
			a.page({
				anonymousId: 'anon-1',
				name: 'Pricing',
				category: 'Marketing',
				properties: { title: 'Pricing' },
				...LIBRARY_COMMON,
			}),
	},
	{
		name: 'screen',
		node: {
			operation: 'screen',
			userId: 'user-1',
			name: 'Checkout',
			propertiesInput: 'json',
			propertiesJson: '{"step": 2}',
		},
		library: (a) =>
			a.screen({ userId: 'user-1', name: 'Checkout', properties: { step: 2 }, ...LIBRARY_COMMON }),
	},
	{
		name: 'group',
		node: {
			operation: 'group',
			userId: 'user-1',
			groupId: 'acme',
			traitsInput: 'json',
			traitsJson: '{"name": "Acme", "employees": 420}',
		},
		library: (a) =>
			a.group({
				userId: 'user-1',
				groupId: 'acme',
				traits: { name: 'Acme', employees: 420 },
				...LIBRARY_COMMON,
			}),
	},
	{
		name: 'alias',
		node: { operation: 'alias', previousId: 'anon-1', userId: 'user-1' },
		library: (a) => a.alias({ previousId: 'anon-1', userId: 'user-1', ...LIBRARY_COMMON }),
	},
];

/** The parts of a message both must agree on. */
function comparable(message: IDataObject): IDataObject {
	const context: IDataObject = { ...(message.context as IDataObject) };
	delete context.library;
	const compared: IDataObject = {};
	for (const key of [
		'type',
		'userId',
		'anonymousId',
		'previousId',
		'groupId',
		'event',
		'name',
		'category',
		'properties',
		'traits',
		'integrations',
		'timestamp',
	]) {
		if (message[key] !== undefined) compared[key] = message[key];
	}
	compared.context = context;
	compared.hasMessageId = typeof message.messageId === 'string' && message.messageId !== '';
	return compared;
}

async function sentByLibrary(send: (analytics: Analytics) => void): Promise<IDataObject> {
	const analytics = new Analytics({
		writeKey: WRITE_KEY,
		host: collector().trackingBaseUrl.replace(/\/v1$/, ''),
		path: '/v1/batch',
		flushAt: 1,
		maxRetries: 0,
	});
	send(analytics);
	await analytics.closeAndFlush();
	const [received] = collector().received;
	expect(received.endpoint).toBe('/v1/batch');
	return received.message as IDataObject;
}

async function sentByNode(parameters: INodeParameters): Promise<IDataObject> {
	const result = await runSegmentNode({
		items: [{}],
		parameters: { ...NODE_COMMON, ...parameters },
		credentials: collectorCredentials(collector()),
	});
	expect(result.error).toBeUndefined();
	const [received] = collector().received;
	return received.message as IDataObject;
}

test.each(CASES)('$name: the node sends what analytics-node sends', async ({ node, library }) => {
	const fromLibrary = await sentByLibrary(library);
	collector().reset();
	const fromNode = await sentByNode(node);
	expect(comparable(fromNode)).toEqual(comparable(fromLibrary));
	expect(comparable(fromNode).timestamp).toBe('2024-05-01T12:30:00.250Z');
});

test('both authenticate with the write key the same way', async () => {
	await sentByLibrary(CASES[0].library);
	const libraryAuth = collector().requests[0].headers.authorization;
	collector().reset();
	await sentByNode(CASES[0].node);
	expect(collector().requests[0].headers.authorization).toBe(libraryAuth);
});
