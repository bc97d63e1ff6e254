import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SegmentType } from './node.type';
import type { OperationModule } from './resource';
import { RESOURCES } from './resources';

/**
 * Runs the chosen operation; every operation returns one output item per input item. The
 * resources' operation tables are checked by the compiler (defineResource): each entry is a module
 * with its option, parameters and execute.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as SegmentType['resource'];
	const operation = this.getNodeParameter('operation', 0) as SegmentType['operation'];
	const table = RESOURCES[resource]?.operations as Record<string, OperationModule> | undefined;
	const module = table?.[operation];
	if (!module || typeof module.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for the resource "${resource}"`,
		);
	}
	return [await module.execute.call(this)];
}
