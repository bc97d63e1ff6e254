import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fieldError } from '../../helpers/fieldError';
import { apiPath, publicApiRequest } from '../../transport/publicApi';
import { adminOptions, resourceLocator } from '../common.descriptions';
import { adminOutput, requiredText, resourceId, runAdminOperation } from '../admin';
import { sendParts, splitList, type PartsWording } from '../requestParts';
import type { OperationModule } from '../resource';
import {
	MAX_REGULATION_BODY_BYTES,
	MAX_SUBJECT_IDS_PER_REQUEST,
	ONE_WAY_REGULATION_TYPES,
	REGULATION_TYPE_OPTIONS,
	REGULATION_TYPES,
	type RegulationType,
} from './regulations';

export const option: OperationModule['option'] = {
	name: 'Create Regulation',
	description:
		'Delete and/or suppress the data of users (a GDPR or CCPA request) in the workspace or one source; deletions are one-way',
	action: 'Create a deletion or suppression regulation',
};

const SCOPES = ['workspace', 'source', 'cloudSource'] as const;
type Scope = (typeof SCOPES)[number];

export const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting is permanent: Segment cannot restore deleted data, and destinations asked to delete cannot either',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { regulationType: [...ONE_WAY_REGULATION_TYPES] } },
	},
	{
		displayName: 'Applies To',
		name: 'scope',
		type: 'options',
		options: [
			{
				name: 'Cloud Source Collection',
				value: 'cloudSource',
				description:
					'Objects of one collection of a cloud source (such as Salesforce), by object ID',
			},
			{
				name: 'One Source',
				value: 'source',
				description: 'Only the data that came through one source, by user ID',
			},
			{
				name: 'Workspace',
				value: 'workspace',
				description: 'Every source of the workspace, as the Segment app does',
			},
		],
		default: 'workspace',
		description: "Which of the workspace's data the regulation covers",
	},
	{
		...resourceLocator('source', 'The source whose data the regulation covers'),
		displayOptions: { show: { scope: ['source', 'cloudSource'] } },
	},
	{
		displayName: 'Collection',
		name: 'collection',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. accounts',
		description: 'The collection of the cloud source that holds the objects (e.g. accounts)',
		displayOptions: { show: { scope: ['cloudSource'] } },
	},
	{
		displayName: 'Regulation Type',
		name: 'regulationType',
		type: 'options',
		options: REGULATION_TYPE_OPTIONS,
		default: 'SUPPRESS_WITH_DELETE',
		description: 'What Segment does with the data of the subjects',
	},
	{
		displayName: 'Subject Type',
		name: 'subjectType',
		type: 'options',
		options: [
			{
				name: 'Object ID',
				value: 'OBJECT_ID',
				description: 'The ID of a cloud source object, such as a Salesforce record',
			},
			{ name: 'User ID', value: 'USER_ID', description: 'The userId your calls carry' },
		],
		default: 'USER_ID',
		description: 'What the subject IDs are',
		displayOptions: { show: { scope: ['workspace'] } },
	},
	{
		displayName: 'Subject IDs',
		name: 'subjectIds',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.userId }}',
		description:
			'Whose data: one user ID (or object ID), usually an expression from the form or CRM item; or one per line; or an expression giving a list. More than 5,000 go in several requests, each its own output item.',
	},
	adminOptions([
		{
			displayName: 'Split Lists Over 5,000 IDs',
			name: 'splitLongLists',
			type: 'boolean',
			default: true,
			description:
				'Whether to send more than 5,000 IDs (or 4 MB) in several requests, each its own output item, instead of refusing them. Segment takes at most 5,000 per call.',
		},
	]),
];

function readScope(this: IExecuteFunctions, itemIndex: number): Scope {
	const scope = this.getNodeParameter('scope', itemIndex, 'workspace') as string;
	if (!(SCOPES as readonly string[]).includes(scope)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Applies To', path: 'scope' },
			`expected workspace, source or cloudSource; got "${scope}"`,
		);
	}
	return scope as Scope;
}

function readRegulationType(this: IExecuteFunctions, itemIndex: number): RegulationType {
	const value = this.getNodeParameter('regulationType', itemIndex, '') as unknown;
	const type = typeof value === 'string' ? value.trim() : '';
	if (!(REGULATION_TYPES as readonly string[]).includes(type)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Regulation Type', path: 'regulationType' },
			`expected one of ${[...REGULATION_TYPES].sort().join(', ')}; got ${JSON.stringify(value)}`,
		);
	}
	return type as RegulationType;
}

function readSubjectType(this: IExecuteFunctions, itemIndex: number, scope: Scope): string {
	if (scope === 'source') return 'USER_ID';
	if (scope === 'cloudSource') return 'OBJECT_ID';
	const value = this.getNodeParameter('subjectType', itemIndex, 'USER_ID') as unknown;
	if (value !== 'USER_ID' && value !== 'OBJECT_ID') {
		throw fieldError(
			this.getNode(),
			itemIndex,
			{ label: 'Subject Type', path: 'subjectType' },
			`expected USER_ID or OBJECT_ID; got ${JSON.stringify(value)}`,
		);
	}
	return value;
}

/**
 * The subject IDs, in order, each once: one ID, one per line, or a list from an expression.
 * Commas do not separate IDs (a user ID may hold one, and a wrong split would regulate others).
 */
function readSubjectIds(this: IExecuteFunctions, itemIndex: number): string[] {
	const field = { label: 'Subject IDs', path: 'subjectIds' };
	const raw = this.getNodeParameter('subjectIds', itemIndex, '') as unknown;
	const entries: unknown[] = Array.isArray(raw)
		? raw
		: typeof raw === 'string'
			? raw.split(/\r?\n/)
			: [raw];
	const ids = new Set<string>();
	for (const [position, entry] of entries.entries()) {
		if (typeof entry === 'number' && Number.isFinite(entry)) {
			ids.add(String(entry));
			continue;
		}
		if (typeof entry !== 'string') {
			const got = entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry;
			throw fieldError(
				this.getNode(),
				itemIndex,
				field,
				Array.isArray(raw)
					? `expected each ID to be text or a number; entry ${position} is ${got}`
					: `expected an ID, one ID per line, or a list of IDs; got ${got}`,
			);
		}
		const id = entry.trim();
		if (id !== '') ids.add(id);
	}
	if (ids.size === 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			'must not be empty: give the user ID (or object ID) whose data to delete or suppress',
		);
	}
	return [...ids];
}

const count = (ids: unknown): string => {
	const n = Array.isArray(ids) ? ids.length : 0;
	return `${n.toLocaleString('en-US')} ID${n === 1 ? '' : 's'}`;
};

const WORDING: PartsWording = {
	done: (json) => {
		const regulateId = json.regulateId ?? (json.data as IDataObject | undefined)?.regulateId;
		return `regulation ${String(regulateId)}${json.subjectIds ? ` (${count(json.subjectIds)})` : ''}`;
	},
	doneAre: 'created; Segment processes them',
	ifActed:
		"Segment may have created the failed request's regulation before its answer was lost: look for it with Deletion and Suppression › Get Many Regulations before sending its IDs again.",
};

/**
 * DeletionAndSuppressionApi.createWorkspaceRegulation: POST /regulations;
 * createSourceRegulation: POST /regulations/sources/{sourceId};
 * createCloudSourceRegulation: POST /regulations/cloudsources/{sourceId} (with `collection`).
 * Body `{ regulationType, subjectType, subjectIds }`, at most 5,000 IDs and 4 MB each; creates are
 * paced to Segment's 600 a minute and, like every create, never repeated after an ambiguous failure.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runAdminOperation.call(this, async function (itemIndex) {
		const scope = readScope.call(this, itemIndex);
		const sourceId = scope === 'workspace' ? undefined : resourceId.call(this, 'source', itemIndex);
		const collection =
			scope === 'cloudSource'
				? requiredText.call(this, itemIndex, { name: 'collection', label: 'Collection' })
				: undefined;
		const regulationType = readRegulationType.call(this, itemIndex);
		const subjectType = readSubjectType.call(this, itemIndex, scope);
		const subjectIds = readSubjectIds.call(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

		const fields: IDataObject = { regulationType, subjectType };
		if (collection !== undefined) fields.collection = collection;
		const { parts, tooLarge } = splitList(subjectIds, {
			maxEntries: MAX_SUBJECT_IDS_PER_REQUEST,
			maxBytes: MAX_REGULATION_BODY_BYTES,
			baseBytes: Buffer.byteLength(JSON.stringify({ ...fields, subjectIds: [] })),
			entryBytes: (id) => Buffer.byteLength(JSON.stringify(id)) + 1,
		});
		if (tooLarge !== undefined) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Subject IDs', path: 'subjectIds' },
				`ID ${tooLarge + 1} alone is over Segment's 4 MB per call`,
			);
		}
		if (parts.length > 1 && options.splitLongLists === false) {
			throw fieldError(
				this.getNode(),
				itemIndex,
				{ label: 'Subject IDs', path: 'subjectIds' },
				`${count(subjectIds)} are more than Segment takes in one call (5,000, and 4 MB); turn on Options › Split Lists Over 5,000 IDs to send them in ${parts.length} requests`,
			);
		}

		const path =
			scope === 'workspace'
				? '/regulations'
				: apiPath(
						scope === 'source'
							? '/regulations/sources/{sourceId}'
							: '/regulations/cloudsources/{sourceId}',
						{ sourceId: sourceId as string },
					);
		const about: IDataObject = {
			regulationType,
			subjectType,
			...(sourceId !== undefined ? { sourceId } : {}),
			...(collection !== undefined ? { collection } : {}),
		};
		return await sendParts(
			parts,
			async (part: string[], request: number) => {
				const body = await publicApiRequest.call(this, {
					itemIndex,
					method: 'POST',
					path,
					version: 'v1',
					body: { ...fields, subjectIds: part },
					rateLimit: 'regulationCreate',
				});
				return adminOutput.call(this, itemIndex, body, (data) => ({
					regulateId: data.regulateId,
					...about,
					subjectIds: part,
					request,
					requests: parts.length,
				})) as IDataObject;
			},
			{
				fields: (failed: string[], notSent: string[]) => ({
					...about,
					subjectIds: failed,
					...(notSent.length > 0 ? { notSentSubjectIds: notSent } : {}),
				}),
				wording: WORDING,
			},
		);
	});
}
