import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Where a bad value sits: the parameter as the user sees it, and its path in Segment's call. */
export interface FieldLocation {
	label: string;
	path: string;
	/** For a list of calls (Batch, Import): the call's position in its item's list. */
	call?: number;
}

/**
 * An input that cannot be sent: the message names the item, the call when there are several, the
 * field and what was expected. `context.field` (and `context.call`) carry them for error items.
 */
export function fieldError(
	node: INode,
	itemIndex: number,
	field: FieldLocation,
	problem: string,
): NodeOperationError {
	const where =
		field.call === undefined
			? `Item ${itemIndex}, field "${field.label}" (${field.path})`
			: `Item ${itemIndex}, call ${field.call}, field "${field.path}"`;
	const error = new NodeOperationError(node, `${where}: ${problem}`, { itemIndex });
	error.context.field = field.path;
	if (field.call !== undefined) error.context.call = field.call;
	return error;
}
