import type { INodeProperties } from 'n8n-workflow';

import * as alias from './alias.operation';
import * as batch from './batch.operation';
import * as group from './group.operation';
import * as identify from './identify.operation';
import * as importHistoricalData from './importHistoricalData.operation';
import * as page from './page.operation';
import * as screen from './screen.operation';
import * as track from './track.operation';

/** The operations of this resource, by their `operation` value. */
export const operations = {
	alias,
	batch,
	group,
	identify,
	importHistoricalData,
	page,
	screen,
	track,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tracking'] } },
		options: [
			{
				name: 'Alias',
				value: 'alias',
				description: 'Merge two user identities: a previous ID into a user ID',
				action: 'Alias a user',
			},
			{
				name: 'Batch',
				value: 'batch',
				description:
					'Send a list of calls of any type together, in as few requests as Segment allows',
				action: 'Send a batch of calls',
			},
			{
				name: 'Group',
				value: 'group',
				description: 'Associate a user with a group (company, account, team) and record its traits',
				action: 'Group a user',
			},
			{
				name: 'Identify',
				value: 'identify',
				description: 'Record who a user is and their traits (email, name, plan)',
				action: 'Identify a user',
			},
			{
				name: 'Import Historical Data',
				value: 'importHistoricalData',
				description: 'Backfill past calls, each with the timestamp of when it happened',
				action: 'Import historical data',
			},
			{
				name: 'Page',
				value: 'page',
				description: 'Record a website page view',
				action: 'Record a page view',
			},
			{
				name: 'Screen',
				value: 'screen',
				description: 'Record a mobile app screen view',
				action: 'Record a screen view',
			},
			{
				name: 'Track',
				value: 'track',
				description: 'Record an action the user performed, with its properties',
				action: 'Track an event',
			},
		],
		default: 'track',
	},
	...alias.description,
	...batch.description,
	...group.description,
	...identify.description,
	...importHistoricalData.description,
	...page.description,
	...screen.description,
	...track.description,
];
