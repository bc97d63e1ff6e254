import { defineResource } from '../resource';
import * as getMany from './getMany.operation';

export const auditTrail = defineResource({
	option: {
		name: 'Audit Trail',
		description: 'Who changed what in the workspace, and when (Public API)',
	},
	defaultOperation: 'getMany',
	operations: {
		getMany,
	},
});
