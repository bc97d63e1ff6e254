import { auditTrail } from './auditTrail/AuditTrail.resource';
import { catalog } from './catalog/Catalog.resource';
import { destination } from './destination/Destination.resource';
import { destinationFilter } from './destinationFilter/DestinationFilter.resource';
import { label } from './label/Label.resource';
import { privacy } from './privacy/Privacy.resource';
import { profile } from './profile/Profile.resource';
import { source } from './source/Source.resource';
import { tracking } from './tracking/Tracking.resource';
import { trackingPlan } from './trackingPlan/TrackingPlan.resource';
import { usage } from './usage/Usage.resource';
import { warehouse } from './warehouse/Warehouse.resource';
import { workspace } from './workspace/Workspace.resource';

/**
 * Every resource of the node, by its `resource` value; the node's description, the router and
 * the resource/operation types are all read from here. Adding a resource is its folder and one
 * line here.
 */
export const RESOURCES = {
	tracking,
	profile,
	source,
	destination,
	usage,
	label,
	warehouse,
	workspace,
	privacy,
	trackingPlan,
	destinationFilter,
	catalog,
	auditTrail,
} as const;
