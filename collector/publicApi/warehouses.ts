import { paginate } from './pagination';
import { notFound, SEGMENT, type Route } from './route';

export const WAREHOUSE_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: new RegExp(`^/warehouses/${SEGMENT}$`),
		handler: ({ state, params }) => {
			const warehouse = state.warehouses.find((candidate) => candidate.id === params[0]);
			if (!warehouse) throw notFound('Warehouse');
			return { warehouse };
		},
	},
	{
		method: 'GET',
		pattern: /^\/warehouses$/,
		handler: ({ state, query }) => {
			const { page, pagination } = paginate(query, state.warehouses);
			return { warehouses: page, pagination };
		},
	},
];
