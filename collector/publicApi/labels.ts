import { invalid, jsonBody, type Route } from './route';
import type { Label } from './state';

/** A label of a request body (`label`, or one of a source's `labels[i]`), checked. */
export function readLabel(value: unknown, field: string): Label {
	const label = value as Record<string, unknown> | null;
	if (
		!label ||
		typeof label !== 'object' ||
		typeof label.key !== 'string' ||
		label.key === '' ||
		typeof label.value !== 'string' ||
		label.value === ''
	) {
		throw invalid('A label needs a non-empty key and value', field);
	}
	if (label.description !== undefined && typeof label.description !== 'string') {
		throw invalid('A label description must be text', `${field}.description`);
	}
	return {
		key: label.key,
		value: label.value,
		...(typeof label.description === 'string' ? { description: label.description } : {}),
	};
}

export const sameLabel = (a: Label, b: Label): boolean => a.key === b.key && a.value === b.value;

export const LABEL_ROUTES: Route[] = [
	{ method: 'GET', pattern: /^\/labels$/, handler: ({ state }) => ({ labels: state.labels }) },
	{
		method: 'POST',
		pattern: /^\/labels$/,
		status: 201,
		handler: ({ state, body }) => {
			const input = jsonBody(body);
			const label = readLabel(input.label, 'label');
			if (state.labels.some((existing) => sameLabel(existing, label))) {
				throw invalid(`Label "${label.key}:${label.value}" already exists`, 'label');
			}
			state.labels.push(label);
			return { label };
		},
	},
];
