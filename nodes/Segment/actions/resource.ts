import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/** What an `<operation>.operation.ts` file exports. */
export interface OperationModule {
	/** Its entry in the resource's Operation dropdown; the value is its key in the resource. */
	option: { name: string; description: string; action: string };
	/** Its parameters, shown when its resource and it are chosen. */
	properties: INodeProperties[];
	/** Runs it over the input items: one output item per input item (or its list). */
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

export interface Resource<Operations extends Record<string, OperationModule>> {
	/** Its entry in the Resource dropdown (its value is its key in ./resources.ts). */
	option: { name: string; description: string };
	/** The operation chosen when the resource is. */
	defaultOperation: keyof Operations & string;
	/** Every operation, by its `operation` value: adding one is its file and one line here. */
	operations: Operations;
}

/** A resource of the node; the compiler checks that every operation is a complete module. */
export function defineResource<Operations extends Record<string, OperationModule>>(
	resource: Resource<Operations>,
): Resource<Operations> {
	return resource;
}

/**
 * A resource's part of the node description: the Operation dropdown lists its operations in name
 * order (as n8n's lint rules want it), each with its value, description and action, and each
 * operation's parameters show only for this resource and that operation.
 */
export function resourceProperties(
	resource: string,
	{
		operations,
		defaultOperation,
	}: { operations: Record<string, OperationModule>; defaultOperation: string },
): INodeProperties[] {
	const options: INodePropertyOptions[] = Object.entries(operations)
		.map(([value, { option }]) => ({
			name: option.name,
			value,
			description: option.description,
			action: option.action,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	const dropdown: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
	const parameters = Object.entries(operations).flatMap(([operation, module]) =>
		updateDisplayOptions(
			{ show: { resource: [resource], operation: [operation] } },
			module.properties,
		),
	);
	return [dropdown, ...parameters];
}
