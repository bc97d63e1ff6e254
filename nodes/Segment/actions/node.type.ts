import type { AllEntities } from 'n8n-workflow';

/** Every resource of the node and its operations; the router dispatches on these. */
type SegmentNodeMap = {
	tracking:
		| 'track'
		| 'identify'
		| 'page'
		| 'screen'
		| 'group'
		| 'alias'
		| 'batch'
		| 'importHistoricalData';
};

export type SegmentType = AllEntities<SegmentNodeMap>;
