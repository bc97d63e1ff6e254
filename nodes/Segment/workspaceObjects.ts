import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

/**
 * The kinds of workspace object the node points at (sources, destinations, warehouses, labels),
 * one definition each. The resource locators, their "From list" searches, the IDs read from them
 * and the wording of a 404 all read these, so a new kind is added here once.
 */
export interface WorkspaceObject {
	/** As users read it, capitalised: "Source". Messages use it in lower case. */
	label: string;
	/** The Public API's collection: `/sources`, `/sources/{id}`; in list answers, the key under `data`. */
	collection: string;
	/** A resource locator for this kind: its "From list" search and its "By ID" placeholder. */
	locator?: {
		/** The API's name for the object's ID (path parameter, error field): `sourceId`. */
		idField: string;
		searchListMethod: string;
		idExample: string;
		/** How an entry of the API's list shows in "From list". */
		listItem: (entry: IDataObject) => INodeListSearchItems;
		/** A Segment app URL that carries the ID (its one capture group), for "By URL". */
		appUrl?: { pattern: string; example: string };
	};
	/** What a 404 on a path below the object (`/sources/{id}/<subPath>`) means, when more specific. */
	notFoundBelow?: (shownId: string, subPath: string) => string | undefined;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function metadataName(entry: IDataObject): string {
	return text((entry.metadata as IDataObject | undefined)?.name);
}

/**
 * Segment app URLs that carry an ID. A warehouse's page is
 * `app.segment.com/<workspace>/warehouses/<warehouse id>/overview` (Segment's warehouse FAQ), and a
 * destination's is `app.segment.com/<workspace>/destinations/<catalog slug>/sources/<source slug>/instances/<destination id>/…`.
 * A source's page carries the source's slug, not its ID
 * (`app.segment.com/<workspace>/sources/<source slug>/overview`), so sources have no "By URL" mode.
 */
const source = {
	label: 'Source',
	collection: 'sources',
	locator: {
		idField: 'sourceId',
		searchListMethod: 'searchSources',
		idExample: 'qQEHquLrjRDN9j1ByrChyn',
		listItem: (entry) => ({
			name: text(entry.name) || text(entry.slug) || text(entry.id),
			value: text(entry.id),
			description: [metadataName(entry), text(entry.slug)].filter(Boolean).join(' · '),
		}),
	},
	notFoundBelow: (shownId, subPath) =>
		subPath === 'writekey'
			? `Source "${shownId}" was not found, or the write key to remove is not one of its write keys`
			: undefined,
} satisfies WorkspaceObject;

const destination = {
	label: 'Destination',
	collection: 'destinations',
	locator: {
		idField: 'destinationId',
		searchListMethod: 'searchDestinations',
		idExample: '64d40b102eee0454dd8e2696',
		listItem: (entry) => ({
			name: text(entry.name) || metadataName(entry) || text(entry.id),
			value: text(entry.id),
			description: [metadataName(entry), text(entry.sourceId) && `source ${text(entry.sourceId)}`]
				.filter(Boolean)
				.join(' · '),
		}),
		appUrl: {
			pattern:
				'^https?://(?:[\\w-]+\\.)*segment\\.com/[^/?#]+/destinations/[^/?#]+/sources/[^/?#]+/instances/([A-Za-z0-9_-]+)(?:[/?#].*)?$',
			example:
				'https://app.segment.com/my-workspace/destinations/webhooks/sources/website/instances/64d40b102eee0454dd8e2696/configuration',
		},
	},
	notFoundBelow: (shownId, subPath) =>
		subPath === 'subscriptions'
			? `Destination "${shownId}" or its mapping was not found, or the workspace lacks the Destination Subscriptions feature`
			: undefined,
} satisfies WorkspaceObject;

const warehouse = {
	label: 'Warehouse',
	collection: 'warehouses',
	locator: {
		idField: 'warehouseId',
		searchListMethod: 'searchWarehouses',
		idExample: '3FkZ9pQw7LmX2sVbN8cRtY',
		listItem: (entry) => ({
			name:
				text((entry.settings as IDataObject | undefined)?.name) ||
				metadataName(entry) ||
				text(entry.id),
			value: text(entry.id),
			description: metadataName(entry),
		}),
		appUrl: {
			pattern:
				'^https?://(?:[\\w-]+\\.)*segment\\.com/[^/?#]+/warehouses/([A-Za-z0-9_-]+)(?:[/?#].*)?$',
			example: 'https://app.segment.com/my-workspace/warehouses/3FkZ9pQw7LmX2sVbN8cRtY/overview',
		},
	},
} satisfies WorkspaceObject;

const label = {
	label: 'Label',
	collection: 'labels',
} satisfies WorkspaceObject;

export const WORKSPACE_OBJECTS = { source, destination, warehouse, label } as const;

export type WorkspaceObjectName = keyof typeof WORKSPACE_OBJECTS;

/** The kinds that have a resource locator. */
export type LocatableObjectName = {
	[Name in WorkspaceObjectName]: (typeof WORKSPACE_OBJECTS)[Name] extends { locator: object }
		? Name
		: never;
}[WorkspaceObjectName];

/** The kind whose collection is `collection` (a path's first segment), if the node knows it. */
export function objectOfCollection(collection: string): WorkspaceObject | undefined {
	return Object.values<WorkspaceObject>(WORKSPACE_OBJECTS).find(
		(object) => object.collection === collection,
	);
}

export type Locator = NonNullable<WorkspaceObject['locator']>;

/** The kinds that have a resource locator, with their definitions. */
export function locatableObjects(): Array<{
	name: LocatableObjectName;
	object: WorkspaceObject & { locator: Locator };
}> {
	return Object.entries(WORKSPACE_OBJECTS).flatMap(([name, object]: [string, WorkspaceObject]) =>
		object.locator
			? [{ name: name as LocatableObjectName, object: { ...object, locator: object.locator } }]
			: [],
	);
}
