import { defineResource } from '../resource';
import * as getEvents from './getEvents.operation';
import * as getExternalIds from './getExternalIds.operation';
import * as getLinks from './getLinks.operation';
import * as getMetadata from './getMetadata.operation';
import * as getTraits from './getTraits.operation';

export const profile = defineResource({
	option: {
		name: 'Profile',
		description:
			'What Segment knows about a user or account: traits, audiences, identities, events (Profile API, needs Unify)',
	},
	defaultOperation: 'getTraits',
	operations: {
		getEvents,
		getExternalIds,
		getLinks,
		getMetadata,
		getTraits,
	},
});
