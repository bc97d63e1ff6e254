import { invalid } from './route';

/** The largest page: "between 1 and 1000" (PaginationInput.count). */
export const MAX_PAGE_SIZE = 1000;

/** Reads a query parameter of the `pagination` object, in either spelling clients use. */
function paginationParam(query: URLSearchParams, name: 'count' | 'cursor'): string | null {
	return query.get(`pagination[${name}]`) ?? query.get(`pagination.${name}`);
}

function encodeCursor(offset: number): string {
	return Buffer.from(String(offset)).toString('base64');
}

/**
 * One page of `list`, by the `pagination` query: `pagination[count]`/`pagination[cursor]` (as the
 * official SDKs send it) or `pagination.count`/`pagination.cursor` (as Segment's docs write it).
 */
export function paginate<T>(
	query: URLSearchParams,
	list: T[],
	required = true,
): { page: T[]; pagination: Record<string, unknown> } {
	const countText = paginationParam(query, 'count');
	const cursor = paginationParam(query, 'cursor');
	if (countText === null && required) {
		throw invalid('pagination.count is required', 'pagination.count');
	}
	const count = countText === null ? 200 : Number(countText);
	if (!Number.isInteger(count) || count < 1 || count > MAX_PAGE_SIZE) {
		throw invalid(`pagination.count must be between 1 and ${MAX_PAGE_SIZE}`, 'pagination.count');
	}
	let offset = 0;
	if (cursor !== null && cursor !== '') {
		offset = Number(Buffer.from(cursor, 'base64').toString('utf8'));
		if (!Number.isInteger(offset) || offset < 0 || encodeCursor(offset) !== cursor) {
			throw invalid('pagination.cursor is not a cursor this API gave', 'pagination.cursor');
		}
	}
	const page = list.slice(offset, offset + count);
	const pagination: Record<string, unknown> = {
		current: encodeCursor(offset),
		totalEntries: list.length,
	};
	if (offset + count < list.length) pagination.next = encodeCursor(offset + count);
	if (offset > 0) pagination.previous = encodeCursor(Math.max(0, offset - count));
	return { page, pagination };
}
