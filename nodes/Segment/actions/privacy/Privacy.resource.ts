import { defineResource } from '../resource';
import * as createRegulation from './createRegulation.operation';
import * as deleteRegulation from './deleteRegulation.operation';
import * as getManyRegulations from './getManyRegulations.operation';
import * as getManySuppressions from './getManySuppressions.operation';
import * as getRegulation from './getRegulation.operation';

export const privacy = defineResource({
	option: {
		name: 'Deletion and Suppression',
		description:
			"Delete and suppress end users' data for privacy requests (GDPR, CCPA): regulations and suppressions (Public API)",
	},
	defaultOperation: 'createRegulation',
	operations: {
		createRegulation,
		deleteRegulation,
		getManyRegulations,
		getManySuppressions,
		getRegulation,
	},
});
