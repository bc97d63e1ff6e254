import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * The output item for an input item that failed while Continue On Fail is on: what went wrong,
 * for which item and field, paired to its input.
 */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const { message, description, context, httpCode } = error as {
		message?: string;
		description?: string | null;
		context?: IDataObject;
		httpCode?: string | null;
	};
	const json: IDataObject = { error: message ?? String(error), itemIndex };
	if (typeof context?.call === 'number') json.call = context.call;
	if (typeof context?.field === 'string') json.field = context.field;
	if (httpCode) json.httpCode = httpCode;
	if (description) json.description = description;
	return { json, pairedItem: { item: itemIndex } };
}
