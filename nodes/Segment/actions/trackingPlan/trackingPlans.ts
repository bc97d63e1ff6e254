import type { INodePropertyOptions } from 'n8n-workflow';

/** The kinds of Tracking Plan (TrackingPlanV1.TypeEnum), for Create and Get Many's filter. */
export const TRACKING_PLAN_TYPES = [
	'ENGAGE',
	'LIVE',
	'PROPERTY_LIBRARY',
	'RULE_LIBRARY',
	'TEMPLATE',
] as const;

export const TRACKING_PLAN_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Engage', value: 'ENGAGE', description: 'A plan for Engage (Unify) events' },
	{ name: 'Live', value: 'LIVE', description: 'A plan sources connect to and are checked against' },
	{ name: 'Property Library', value: 'PROPERTY_LIBRARY', description: 'Reusable properties' },
	{ name: 'Rule Library', value: 'RULE_LIBRARY', description: 'Reusable events and their rules' },
	{ name: 'Template', value: 'TEMPLATE', description: 'A starting point for new plans' },
];
