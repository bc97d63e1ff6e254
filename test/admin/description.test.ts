import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RESOURCES } from '../../nodes/Segment/actions/resources';
import { Segment } from '../../nodes/Segment/Segment.node.ts';

/** What users see in the editor: resources, operations, one-way warnings, resource locators. */
const { description, methods } = new Segment();

const {
	source,
	destination,
	usage,
	label,
	warehouse,
	workspace,
	destinationFilter,
	catalog,
	auditTrail,
	privacy,
	trackingPlan,
} = RESOURCES;
const ADMIN = {
	source,
	destination,
	usage,
	label,
	warehouse,
	workspace,
	privacy,
	trackingPlan,
	destinationFilter,
	catalog,
	auditTrail,
} as const;

function operationOptions(resource: string): INodePropertyOptions[] {
	const dropdown = description.properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	return (dropdown?.options ?? []) as INodePropertyOptions[];
}

function parameter(resource: string, operation: string, name: string): INodeProperties | undefined {
	return description.properties.find(
		(property) =>
			property.name === name &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.operation?.includes(operation),
	);
}

test('Tracking stays the default resource; the admin resources and Profile join it', () => {
	const resource = description.properties.find(({ name }) => name === 'resource');
	expect(resource?.default).toBe('tracking');
	expect((resource?.options as INodePropertyOptions[]).map(({ value }) => value).sort()).toEqual([
		'auditTrail',
		'catalog',
		'destination',
		'destinationFilter',
		'label',
		'privacy',
		'profile',
		'source',
		'tracking',
		'trackingPlan',
		'usage',
		'warehouse',
		'workspace',
	]);
});

test('every admin operation the issue lists, and those around them, is offered with an action and an execute', () => {
	const offered = Object.fromEntries(
		Object.keys(ADMIN).map((resource) => [
			resource,
			operationOptions(resource).map(({ value }) => value),
		]),
	);
	expect(offered).toEqual({
		source: [
			'addLabels',
			'create',
			'createWriteKey',
			'delete',
			'get',
			'getConnectedDestinations',
			'getMany',
			'listConnectedWarehouses',
			'listSchemaSettings',
			'removeWriteKey',
			'replaceLabels',
			'update',
		],
		destination: ['create', 'delete', 'get', 'getDeliveryMetricsSummary', 'getMany', 'update'],
		usage: [
			'getDailyApiCalls',
			'getDailyMtu',
			'getDailyPerSourceApiCalls',
			'getDailyPerSourceMtu',
			'getEventVolume',
		],
		label: ['create', 'getMany'],
		warehouse: ['connectSource', 'disconnectSource', 'get', 'getConnectedSources', 'getMany'],
		workspace: ['get'],
		privacy: [
			'createRegulation',
			'deleteRegulation',
			'getManyRegulations',
			'getManySuppressions',
			'getRegulation',
		],
		trackingPlan: [
			'addOrUpdateRules',
			'connectSource',
			'create',
			'delete',
			'disconnectSource',
			'get',
			'getMany',
			'getRules',
			'getSources',
			'removeRules',
			'replaceRules',
			'update',
		],
		destinationFilter: ['create', 'delete', 'get', 'getMany', 'preview', 'update'],
		catalog: [
			'getDestination',
			'getManyDestinations',
			'getManySources',
			'getManyWarehouses',
			'getSource',
			'getWarehouse',
		],
		auditTrail: ['getMany'],
	});
	for (const [resource, module] of Object.entries(ADMIN)) {
		for (const { value, action, description: text } of operationOptions(resource)) {
			expect(action).toEqual(expect.any(String));
			expect(text).toEqual(expect.any(String));
			const operation = (module.operations as Record<string, { execute?: unknown }>)[
				value as string
			];
			expect(typeof operation?.execute).toBe('function');
		}
	}
});

test('Delete (source, destination) and Remove Write Key say they are one-way, in the dropdown and above their parameters', () => {
	for (const [resource, operation] of [
		['source', 'delete'],
		['source', 'removeWriteKey'],
		['destination', 'delete'],
	]) {
		expect(
			operationOptions(resource).find(({ value }) => value === operation)?.description,
		).toMatch(/one-way: it cannot be restored/);
		const notice = description.properties.find(
			(property) =>
				property.type === 'notice' &&
				property.displayOptions?.show?.operation?.includes(operation) &&
				property.displayOptions?.show?.resource?.includes(resource),
		);
		expect(notice?.displayName).toMatch(/is permanent/);
	}
});

test('Replace Labels removes every label only with Remove All Labels on, and says so', () => {
	const option = operationOptions('source').find(({ value }) => value === 'replaceLabels');
	expect(option?.description).toMatch(/Remove All Labels/);
	const removeAll = parameter('source', 'replaceLabels', 'removeAllLabels');
	expect(removeAll).toMatchObject({ type: 'boolean', default: false });
	expect(parameter('source', 'replaceLabels', 'labels')?.displayOptions?.show).toMatchObject({
		removeAllLabels: [false],
	});
});

test('sources, destinations and warehouses are resource locators; "By URL" only where the app URL carries the ID', () => {
	const modes = (resource: string, operation: string, name: string) =>
		parameter(resource, operation, name)?.modes?.map((mode) => mode.name);
	expect(modes('source', 'get', 'source')).toEqual(['list', 'id']);
	expect(modes('destination', 'get', 'destination')).toEqual(['list', 'id', 'url']);
	expect(modes('warehouse', 'get', 'warehouse')).toEqual(['list', 'id', 'url']);
	expect(modes('destination', 'getDeliveryMetricsSummary', 'source')).toEqual(['list', 'id']);
	expect(modes('destination', 'create', 'destinationMetadata')).toEqual(['list', 'id']);
	expect(modes('source', 'create', 'sourceMetadata')).toEqual(['list', 'id']);
	expect(modes('destinationFilter', 'get', 'destinationFilter')).toEqual(['list', 'id']);
	for (const [resource, operation, name] of [
		['source', 'get', 'source'],
		['destination', 'get', 'destination'],
		['warehouse', 'get', 'warehouse'],
		['destination', 'create', 'destinationMetadata'],
		['source', 'create', 'sourceMetadata'],
		['catalog', 'getWarehouse', 'warehouseMetadata'],
		['destinationFilter', 'get', 'destinationFilter'],
	]) {
		const list = parameter(resource, operation, name)?.modes?.find((mode) => mode.name === 'list');
		const method = list?.typeOptions?.searchListMethod as string;
		expect(list?.typeOptions?.searchable).toBe(true);
		expect(typeof methods.listSearch[method as keyof typeof methods.listSearch]).toBe('function');
	}
});

test('labels are a multi-select loaded from the workspace', () => {
	const labels = parameter('source', 'addLabels', 'labels');
	expect(labels?.type).toBe('multiOptions');
	expect(
		typeof methods.loadOptions[
			labels?.typeOptions?.loadOptionsMethod as keyof typeof methods.loadOptions
		],
	).toBe('function');
});

test('every list operation offers Return All and Limit; every admin operation offers Raw Response', () => {
	const lists: Array<[string, string]> = [
		['source', 'getMany'],
		['source', 'listConnectedWarehouses'],
		['destination', 'getMany'],
		['usage', 'getDailyPerSourceApiCalls'],
		['label', 'getMany'],
		['warehouse', 'getMany'],
		['privacy', 'getManyRegulations'],
		['privacy', 'getManySuppressions'],
		['trackingPlan', 'getMany'],
		['trackingPlan', 'getRules'],
		['trackingPlan', 'getSources'],
		['source', 'getConnectedDestinations'],
		['destinationFilter', 'getMany'],
		['usage', 'getEventVolume'],
		['usage', 'getDailyApiCalls'],
		['usage', 'getDailyMtu'],
		['usage', 'getDailyPerSourceMtu'],
		['auditTrail', 'getMany'],
		['catalog', 'getManyDestinations'],
		['catalog', 'getManySources'],
		['catalog', 'getManyWarehouses'],
		['warehouse', 'getConnectedSources'],
	];
	for (const [resource, operation] of lists) {
		expect(parameter(resource, operation, 'returnAll')?.default).toBe(false);
		expect(parameter(resource, operation, 'limit')?.displayOptions?.show?.returnAll).toEqual([
			false,
		]);
	}
	for (const resource of Object.keys(ADMIN)) {
		for (const { value } of operationOptions(resource)) {
			const options = parameter(resource, value as string, 'options')?.options as INodeProperties[];
			expect(options.map(({ name }) => name)).toContain('rawResponse');
		}
	}
});

test('every regulation type says what it does, and those that delete say they are one-way, with a notice above them', () => {
	const types = parameter('privacy', 'createRegulation', 'regulationType');
	const options = types?.options as INodePropertyOptions[];
	expect(options.map(({ value }) => value).sort()).toEqual([
		'DELETE_INTERNAL',
		'DELETE_ONLY',
		'SUPPRESS_ONLY',
		'SUPPRESS_WITH_DELETE',
		'SUPPRESS_WITH_DELETE_INTERNAL',
		'UNSUPPRESS',
	]);
	expect(types?.default).toBe('SUPPRESS_WITH_DELETE');
	for (const { value, description: text } of options) {
		expect({ value, oneWay: /^One-way: /.test(text ?? '') }).toEqual({
			value,
			oneWay: String(value).includes('DELETE'),
		});
	}
	const notice = parameter('privacy', 'createRegulation', 'deleteNotice');
	expect(notice?.type).toBe('notice');
	expect(notice?.displayOptions?.show?.regulationType).toEqual([
		'DELETE_INTERNAL',
		'DELETE_ONLY',
		'SUPPRESS_WITH_DELETE',
		'SUPPRESS_WITH_DELETE_INTERNAL',
	]);
	expect(
		operationOptions('privacy').find(({ value }) => value === 'createRegulation')?.description,
	).toMatch(/deletions are one-way/);
});

test('Tracking Plan Delete and Remove Rules say they are one-way; Replace Rules says what it removes', () => {
	const options = operationOptions('trackingPlan');
	for (const operation of ['delete', 'removeRules']) {
		expect(options.find(({ value }) => value === operation)?.description).toMatch(
			/one-way: (it|Segment) cannot (be restored|restore them)/,
		);
	}
	expect(parameter('trackingPlan', 'delete', 'deleteNotice')?.displayName).toMatch(/is permanent/);
	expect(parameter('trackingPlan', 'replaceRules', 'replaceNotice')?.displayName).toMatch(
		/every other rule of it is removed/,
	);
});

test('regulations and Tracking Plans are resource locators with a "From list" search', () => {
	for (const [resource, operation, name] of [
		['privacy', 'getRegulation', 'regulation'],
		['trackingPlan', 'get', 'trackingPlan'],
	]) {
		const locator = parameter(resource, operation, name);
		expect(locator?.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		const method = locator?.modes?.[0].typeOptions?.searchListMethod as string;
		expect(typeof methods.listSearch[method as keyof typeof methods.listSearch]).toBe('function');
	}
});
