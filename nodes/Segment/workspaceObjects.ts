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
	/** The key under `data` of the collection's list, when it is not the collection's name. */
	listKey?: string;
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
	/** What a 403 on the collection means, when more than the token's role can be the cause. */
	forbidden?: (segmentMessage: string) => { message: string; hint: string };
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

/**
 * A regulation (a deletion or suppression request). Its ID is Segment's `regulateId`. Segment
 * keeps regulations for 90 days; the source-scoped list is at `/regulations/sources/{sourceId}`,
 * so a 404 there is about the source.
 */
const regulation = {
	label: 'Regulation',
	collection: 'regulations',
	locator: {
		idField: 'regulateId',
		searchListMethod: 'searchRegulations',
		idExample: '1kNsCv0mCHvAhP3XXqn2R1g3Pdk',
		listItem: (entry) => {
			const subjects = Array.isArray(entry.subjects) ? (entry.subjects as unknown[]) : [];
			const first = typeof subjects[0] === 'string' ? subjects[0] : '';
			const more = subjects.length > 1 ? ` +${subjects.length - 1}` : '';
			return {
				name: [text(entry.regulationType), `${first}${more}`].filter(Boolean).join(' · '),
				value: text(entry.id),
				description: [text(entry.status), text(entry.createdAt)].filter(Boolean).join(' · '),
			};
		},
	},
	// Also asked for the regulation itself (no sub-path): Segment drops regulations after 90 days.
	notFoundBelow: (shownId, subPath) =>
		!subPath
			? `Regulation "${shownId}" was not found (Segment keeps regulations for 90 days)`
			: shownId === 'sources' || shownId === 'cloudsources'
				? `Source "${decodeURIComponent(subPath)}" was not found (Segment also answers 404 to a list with no regulation of the last 90 days)`
				: undefined,
} satisfies WorkspaceObject;

/**
 * A Tracking Plan (Protocols). Segment serves Tracking Plans only to workspaces with Protocols,
 * and refuses the others with a 403 that says so: that 403 must not read as a token problem.
 */
const trackingPlan = {
	label: 'Tracking Plan',
	collection: 'tracking-plans',
	listKey: 'trackingPlans',
	locator: {
		idField: 'trackingPlanId',
		searchListMethod: 'searchTrackingPlans',
		idExample: 'tp_2Ul5HjMaqBiKkNHUsG8tEUNwQ9v',
		listItem: (entry) => ({
			name: text(entry.name) || text(entry.slug) || text(entry.id),
			value: text(entry.id),
			description: [text(entry.type), text(entry.description)].filter(Boolean).join(' · '),
		}),
	},
	forbidden: (segmentMessage) =>
		/protocols|feature/i.test(segmentMessage)
			? {
					message:
						'This workspace does not have Protocols, which Tracking Plans need (403): ask Segment to enable Protocols for the workspace',
					hint: "Protocols is an add-on of Segment's Business plan; until the workspace has it, every Tracking Plan operation is refused.",
				}
			: {
					message:
						'Segment refused Tracking Plans to this token or workspace (403): the token needs a role with Tracking Plan access, and the workspace needs Protocols',
					hint: "Check the token's role in Segment › Settings › Workspace settings › Access Management › Tokens, and that the workspace has the Protocols add-on.",
				},
} satisfies WorkspaceObject;

export const WORKSPACE_OBJECTS = {
	source,
	destination,
	warehouse,
	label,
	regulation,
	trackingPlan,
} as const;

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
