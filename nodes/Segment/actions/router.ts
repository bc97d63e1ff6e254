import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SegmentType } from './node.type';
import * as destination from './destination';
import * as label from './label';
import * as source from './source';
import * as tracking from './tracking';
import * as usage from './usage';
import * as warehouse from './warehouse';
import * as workspace from './workspace';

type OperationModule = { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]> };

const operations: { [R in SegmentType['resource']]: Record<string, OperationModule> } = {
	tracking: tracking.operations,
	source: source.operations,
	destination: destination.operations,
	usage: usage.operations,
	label: label.operations,
	warehouse: warehouse.operations,
	workspace: workspace.operations,
};

/** Runs the chosen operation; every operation returns one output item per input item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as SegmentType['resource'];
	const operation = this.getNodeParameter('operation', 0) as SegmentType['operation'];
	const module = operations[resource]?.[operation];
	if (!module || typeof module.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for the resource "${resource}"`,
		);
	}
	return [await module.execute.call(this)];
}
