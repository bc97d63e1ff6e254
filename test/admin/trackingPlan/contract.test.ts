import { TrackingPlansApi } from '@segment/public-api-sdk-typescript';
import type {
	CreateTrackingPlanV1Input,
	RemoveRuleV1,
	ReplaceRulesInTrackingPlanV1Input,
	UpdateRulesInTrackingPlanV1Input,
} from '@segment/public-api-sdk-typescript';

import { collectorCredentials, useCollector } from '../../harness/collector';
import { runListSearch } from '../../harness/loadOptions';
import { calls, contractHarness, type ContractCase } from '../contract';
import { locator, SEED } from '../helpers';

/**
 * The Tracking Plan operations and the Tracking Plan list ("From list"): the node sends what
 * Segment's official SDK sends (../contract.ts), a Replace of more than 200 rules included (a
 * replace of the first 200, then upserts).
 */
const collector = useCollector();
const { admin, sdk, testContract } = contractHarness(collector);

const PLAN = 'tp_2Ul5HjMaqBiKkNHUsG8tEUNwQ9v';

const rule = (n: number) => ({
	type: 'TRACK',
	key: `Event ${n}`,
	version: 1,
	jsonSchema: { type: 'object', properties: { properties: { type: 'object' } } },
});
const rules = (count: number) => Array.from({ length: count }, (_, n) => rule(n));

const CASES: ContractCase[] = [
	{
		name: 'Tracking Plan › Get Many (type)',
		sdkMethod: ['trackingPlansApi.ts', 'listTrackingPlans'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filters: { type: 'LIVE' },
		}),
		sdk: calls(() => sdk(TrackingPlansApi).listTrackingPlans({ count: 5 }, 'LIVE')),
	},
	{
		name: 'Tracking Plan › Get',
		sdkMethod: ['trackingPlansApi.ts', 'getTrackingPlan'],
		node: admin({ resource: 'trackingPlan', operation: 'get', trackingPlan: locator(PLAN) }),
		sdk: calls(() => sdk(TrackingPlansApi).getTrackingPlan(PLAN)),
	},
	{
		name: 'Tracking Plan › Create',
		sdkMethod: ['trackingPlansApi.ts', 'createTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'create',
			name: 'Mobile',
			type: 'LIVE',
			options: { description: 'Events of the apps' },
		}),
		sdk: calls(() =>
			sdk(TrackingPlansApi).createTrackingPlan({
				name: 'Mobile',
				type: 'LIVE',
				description: 'Events of the apps',
			} as unknown as CreateTrackingPlanV1Input),
		),
	},
	{
		name: 'Tracking Plan › Update',
		sdkMethod: ['trackingPlansApi.ts', 'updateTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'update',
			trackingPlan: locator(PLAN),
			updateFields: { name: 'Website (v2)' },
		}),
		sdk: calls(() => sdk(TrackingPlansApi).updateTrackingPlan(PLAN, { name: 'Website (v2)' })),
	},
	{
		name: 'Tracking Plan › Delete',
		sdkMethod: ['trackingPlansApi.ts', 'deleteTrackingPlan'],
		node: admin({ resource: 'trackingPlan', operation: 'delete', trackingPlan: locator(PLAN) }),
		sdk: calls(() => sdk(TrackingPlansApi).deleteTrackingPlan(PLAN)),
	},
	{
		name: 'Tracking Plan › Get Rules',
		sdkMethod: ['trackingPlansApi.ts', 'listRulesFromTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'getRules',
			trackingPlan: locator(PLAN),
			returnAll: false,
			limit: 2,
		}),
		sdk: calls(() => sdk(TrackingPlansApi).listRulesFromTrackingPlan(PLAN, { count: 2 })),
	},
	{
		name: 'Tracking Plan › Add or Update Rules',
		sdkMethod: ['trackingPlansApi.ts', 'updateRulesInTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'addOrUpdateRules',
			trackingPlan: locator(PLAN),
			rules: JSON.stringify([rule(1), { ...rule(2), newKey: 'Event two' }]),
		}),
		sdk: calls(() =>
			sdk(TrackingPlansApi).updateRulesInTrackingPlan(PLAN, {
				rules: [rule(1), { ...rule(2), newKey: 'Event two' }],
			} as unknown as UpdateRulesInTrackingPlanV1Input),
		),
	},
	{
		name: 'Tracking Plan › Replace Rules',
		sdkMethod: ['trackingPlansApi.ts', 'replaceRulesInTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'replaceRules',
			trackingPlan: locator(PLAN),
			rules: JSON.stringify(rules(3)),
		}),
		sdk: calls(() =>
			sdk(TrackingPlansApi).replaceRulesInTrackingPlan(PLAN, {
				rules: rules(3),
			} as unknown as ReplaceRulesInTrackingPlanV1Input),
		),
	},
	{
		name: 'Tracking Plan › Replace Rules (450: a replace of 200, then two upserts)',
		sdkMethod: ['trackingPlansApi.ts', 'replaceRulesInTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'replaceRules',
			trackingPlan: locator(PLAN),
			rules: JSON.stringify(rules(450)),
		}),
		sdk: calls(
			() =>
				sdk(TrackingPlansApi).replaceRulesInTrackingPlan(PLAN, {
					rules: rules(450).slice(0, 200),
				} as unknown as ReplaceRulesInTrackingPlanV1Input),
			() =>
				sdk(TrackingPlansApi).updateRulesInTrackingPlan(PLAN, {
					rules: rules(450).slice(200, 400),
				} as unknown as UpdateRulesInTrackingPlanV1Input),
			() =>
				sdk(TrackingPlansApi).updateRulesInTrackingPlan(PLAN, {
					rules: rules(450).slice(400),
				} as unknown as UpdateRulesInTrackingPlanV1Input),
		),
	},
	{
		name: 'Tracking Plan › Remove Rules',
		sdkMethod: ['trackingPlansApi.ts', 'removeRulesFromTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'removeRules',
			trackingPlan: locator(PLAN),
			rules: JSON.stringify([
				{ type: 'TRACK', key: 'Order Completed', version: 1 },
				{ type: 'IDENTIFY', version: 1 },
			]),
		}),
		sdk: calls(() =>
			sdk(TrackingPlansApi).removeRulesFromTrackingPlan(PLAN, [
				{ type: 'TRACK', key: 'Order Completed', version: 1 },
				{ type: 'IDENTIFY', version: 1 },
			] as unknown as RemoveRuleV1[]),
		),
	},
	{
		name: 'Tracking Plan › Get Sources',
		sdkMethod: ['trackingPlansApi.ts', 'listSourcesFromTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'getSources',
			trackingPlan: locator(PLAN),
			returnAll: true,
		}),
		sdk: calls(() => sdk(TrackingPlansApi).listSourcesFromTrackingPlan(PLAN, { count: 1000 })),
	},
	{
		name: 'Tracking Plan › Connect Source',
		sdkMethod: ['trackingPlansApi.ts', 'addSourceToTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'connectSource',
			trackingPlan: locator(PLAN),
			source: locator(SEED.iosSource),
		}),
		sdk: calls(() =>
			sdk(TrackingPlansApi).addSourceToTrackingPlan(PLAN, { sourceId: SEED.iosSource }),
		),
	},
	{
		name: 'Tracking Plan › Disconnect Source',
		sdkMethod: ['trackingPlansApi.ts', 'removeSourceFromTrackingPlan'],
		node: admin({
			resource: 'trackingPlan',
			operation: 'disconnectSource',
			trackingPlan: locator(PLAN),
			source: locator(SEED.nodeSource),
		}),
		sdk: calls(() => sdk(TrackingPlansApi).removeSourceFromTrackingPlan(PLAN, SEED.nodeSource)),
	},
	{
		name: 'Tracking Plan "From list" (list search)',
		sdkMethod: ['trackingPlansApi.ts', 'listTrackingPlans'],
		node: () =>
			runListSearch('searchTrackingPlans', {
				credentials: collectorCredentials(collector()),
				path: 'parameters.trackingPlan',
			}),
		sdk: calls(() => sdk(TrackingPlansApi).listTrackingPlans({ count: 1000 })),
	},
];

describe("the node sends what Segment's official SDK sends", () => {
	testContract(CASES);
});
