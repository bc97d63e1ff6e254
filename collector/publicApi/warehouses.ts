import { paginate } from './pagination';
import { notFound, SEGMENT, type Route } from './route';
import { recordAudit, type PublicApiState, type Source, type Warehouse } from './state';

/**
 * Warehouses (WarehousesApi): get, list, and the sources each one loads, which are the same
 * connections as a source's connected warehouses (`state.connections`). Connecting a source
 * already connected, or disconnecting one that is not, changes nothing and succeeds (the
 * definition is silent; the collector's choice).
 */

function findWarehouse(state: PublicApiState, id: string): Warehouse {
	const warehouse = state.warehouses.find((candidate) => candidate.id === id);
	if (!warehouse) throw notFound('Warehouse');
	return warehouse;
}

function findSource(state: PublicApiState, id: string): Source {
	const source = state.sources.find((candidate) => candidate.id === id);
	if (!source) throw notFound('Source');
	return source;
}

function warehouseName(warehouse: Warehouse): string {
	return String(warehouse.settings.name ?? warehouse.metadata.name ?? warehouse.id);
}

export const WAREHOUSE_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: new RegExp(`^/warehouses/${SEGMENT}$`),
		handler: ({ state, params }) => ({ warehouse: findWarehouse(state, params[0]) }),
	},
	{
		method: 'GET',
		pattern: /^\/warehouses$/,
		handler: ({ state, query }) => {
			const { page, pagination } = paginate(query, state.warehouses);
			return { warehouses: page, pagination };
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/warehouses/${SEGMENT}/connected-sources$`),
		handler: ({ state, params, query }) => {
			const warehouse = findWarehouse(state, params[0]);
			const sources = state.sources.filter((source) =>
				(state.connections[source.id] ?? []).includes(warehouse.id),
			);
			const { page, pagination } = paginate(query, sources);
			return { sources: page, pagination };
		},
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/warehouses/${SEGMENT}/connected-sources/${SEGMENT}$`),
		status: 201,
		handler: ({ state, params }) => {
			const warehouse = findWarehouse(state, params[0]);
			const source = findSource(state, params[1]);
			const connected = state.connections[source.id] ?? [];
			if (!connected.includes(warehouse.id)) {
				state.connections[source.id] = [...connected, warehouse.id];
				recordAudit(state, 'Storage Destination Modified', {
					id: warehouse.id,
					type: 'warehouse',
					name: warehouseName(warehouse),
				});
			}
			return { status: 'CONNECTED' };
		},
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/warehouses/${SEGMENT}/connected-sources/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const warehouse = findWarehouse(state, params[0]);
			const source = findSource(state, params[1]);
			const connected = state.connections[source.id] ?? [];
			if (connected.includes(warehouse.id)) {
				state.connections[source.id] = connected.filter((id) => id !== warehouse.id);
				recordAudit(state, 'Storage Destination Modified', {
					id: warehouse.id,
					type: 'warehouse',
					name: warehouseName(warehouse),
				});
			}
			return { status: 'SUCCESS' };
		},
	},
];
