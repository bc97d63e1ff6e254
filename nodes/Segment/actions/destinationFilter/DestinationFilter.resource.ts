import { defineResource } from '../resource';
import * as create from './create.operation';
import * as deleteFilter from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as preview from './preview.operation';
import * as update from './update.operation';

export const destinationFilter = defineResource({
	option: {
		name: 'Destination Filter',
		description:
			"Filters that drop or trim events before a destination (Segment's Business plan; Public API)",
	},
	defaultOperation: 'getMany',
	operations: {
		create,
		delete: deleteFilter,
		get,
		getMany,
		preview,
		update,
	},
});
