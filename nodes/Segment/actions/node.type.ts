import type { AllEntities } from 'n8n-workflow';

import type { RESOURCES } from './resources';

type Resources = typeof RESOURCES;

/** Every resource of the node and its operations, as the resources define them. */
export type SegmentNodeMap = {
	[Resource in keyof Resources]: keyof Resources[Resource]['operations'] & string;
};

export type SegmentType = AllEntities<SegmentNodeMap>;
