import type { AllEntities } from 'n8n-workflow';

/** Every resource of the node and its operations; the router dispatches on these. */
type SegmentNodeMap = {
	tracking:
		'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias' | 'batch' | 'importHistoricalData';
	source:
		| 'addLabels'
		| 'createWriteKey'
		| 'delete'
		| 'get'
		| 'getMany'
		| 'listConnectedWarehouses'
		| 'listSchemaSettings'
		| 'removeWriteKey'
		| 'update';
	destination: 'get' | 'getDeliveryMetricsSummary' | 'getMany';
	usage: 'getDailyPerSourceApiCalls';
	label: 'create' | 'getMany';
	warehouse: 'get' | 'getMany';
	workspace: 'get';
};

export type SegmentType = AllEntities<SegmentNodeMap>;
