import type { Route } from './route';

export const WORKSPACE_ROUTES: Route[] = [
	{ method: 'GET', pattern: /^\/?$/, handler: ({ state }) => ({ workspace: state.workspace }) },
];
