import { defineResource } from '../resource';
import * as alias from './alias.operation';
import * as batch from './batch.operation';
import * as group from './group.operation';
import * as identify from './identify.operation';
import * as importHistoricalData from './importHistoricalData.operation';
import * as page from './page.operation';
import * as screen from './screen.operation';
import * as track from './track.operation';

export const tracking = defineResource({
	option: {
		name: 'Tracking',
		description: "Calls to Segment's Tracking API: who users are and what they do",
	},
	defaultOperation: 'track',
	operations: {
		alias,
		batch,
		group,
		identify,
		importHistoricalData,
		page,
		screen,
		track,
	},
});
