import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * An input that cannot be sent: the message names the item, the field (as the user sees it and as
 * Segment names it) and what was expected. `context.field` carries the field for error items.
 */
export function fieldError(
	node: INode,
	itemIndex: number,
	field: { label: string; path: string },
	problem: string,
): NodeOperationError {
	const error = new NodeOperationError(
		node,
		`Item ${itemIndex}, field "${field.label}" (${field.path}): ${problem}`,
		{ itemIndex },
	);
	error.context.field = field.path;
	return error;
}
