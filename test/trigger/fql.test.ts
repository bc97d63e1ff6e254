import { FqlError, fqlString, globMatch, parseFql } from '../../nodes/Segment/trigger/fql';
import { matchesFilter, subscriptionTrigger } from '../../nodes/Segment/trigger/filters';

/**
 * Segment's Filter Query Language as its docs define it ("Destination Filter Query Language"):
 * every example of the docs' tables gives the documented result here, and the triggers the node
 * writes for its filters read back as the filters themselves.
 */

// The docs' example event and statements, with their documented results.
const EVENT = {
	event: 'Button Clicked',
	type: 'track',
	context: { library: { name: 'analytics.js', version: '1.0' } },
	properties: { features: ['discounts', 'dark-mode'] },
};

test.each([
	[`event = 'Button Clicked'`, true],
	[`event = 'Screen Tapped'`, false],
	[`context.path.path = '/login'`, false],
	[`type = 'identify' or type = 'track'`, true],
	[`event = 'Button Clicked' and type = 'track'`, true],
	[`match( context.library.version, '1.*' )`, true],
	[`match( context.library.version, '2.*' )`, false],
	[`type = 'track' and ( event = 'Click' or match( event, 'Button *' ) )`, true],
	[`!contains( context.library.name, 'js' )`, false],
	[`'dark-mode' in properties.features`, true],
	[`'blink' in properties.features`, false],
	[`!( type in ['track', 'identify'] )`, false],
	[`length( userId ) > 0`, false],
	[`typeof( userId ) = 'null'`, true],
	[`lowercase( event ) = 'button clicked'`, true],
	[`length( properties.features ) = 2`, true],
	[`type != "identify"`, true],
])('the docs: %s is %s', (statement, expected) => {
	expect(parseFql(statement).matches(EVENT)).toBe(expected);
});

test.each([
	['abcd', 'a*d', true],
	['', '*', true],
	['abc', 'ab', false],
	['abcd', 'a??d', true],
	['abcd', '*d', true],
	['ab*d', 'ab\\*d', true],
	['abCd', 'ab[cC]d', true],
	['abcd', 'ab[a-z]d', true],
	['abcd', 'ab[A-Z]d', false],
])("the docs' glob table: match( '%s', '%s' ) is %s", (text, pattern, expected) => {
	expect(globMatch(text, pattern)).toBe(expected);
});

test('field paths escape other characters with a backslash', () => {
	const event = { properties: { 'product 1': { price: '19.99' } } };
	expect(parseFql(`properties.product\\ 1.price = '19.99'`).matches(event)).toBe(true);
});

test('numbers compare as numbers; other types never order', () => {
	const event = { properties: { total: 120, label: '120' } };
	expect(parseFql('properties.total > 100').matches(event)).toBe(true);
	expect(parseFql('properties.label > 100').matches(event)).toBe(false);
	expect(parseFql('properties.total = "120"').matches(event)).toBe(false);
});

test.each([
	['', 'the expression is empty', 0],
	['type = ', 'expected a value, found the end of the expression', 7],
	['type = "track', 'a string is not closed', 7],
	['type = "a" = "b"', 'comparisons cannot be chained: group them with parentheses', 11],
	['shout(event)', '"shout" is not an FQL function', 0],
	['match(event)', 'match() takes 2 arguments, not 1', 0],
	['type = "track" type', 'unexpected "type"', 15],
	['event @ 1', 'unexpected character "@"', 6],
])('%j is refused: %s', (statement, message, position) => {
	try {
		parseFql(statement);
		throw new Error('parsed');
	} catch (error) {
		expect(error).toBeInstanceOf(FqlError);
		expect(error).toMatchObject({ message, position });
	}
});

test('strings are written with their quotes and backslashes escaped', () => {
	const name = 'Said "hi" \\ bye';
	expect(fqlString(name)).toBe('"Said \\"hi\\" \\\\ bye"');
	expect(parseFql(`event = ${fqlString(name)}`).matches({ event: name })).toBe(true);
});

describe("the node's filters as a mapping trigger", () => {
	const cases = [
		{ types: [], names: [] },
		{ types: ['track'], names: ['Order Completed', 'Signed "Up"'] },
		{ types: ['identify', 'page'], names: ['ignored: no Track'] },
		{ types: ['track', 'group'], names: ['Order Completed'] },
	] as const;
	const events = [
		{ type: 'track', event: 'Order Completed' },
		{ type: 'track', event: 'Signed "Up"' },
		{ type: 'track', event: 'Other' },
		{ type: 'identify' },
		{ type: 'page' },
		{ type: 'group' },
		{ type: 'alias' },
		{ type: 'screen' },
		{ type: 'delete' },
	];

	test.each(cases.map((filter) => [JSON.stringify(filter), filter] as const))(
		'%s: Segment (the trigger) and the node (on receipt) keep the same events',
		(_name, { types, names }) => {
			const filter = { by: 'events' as const, types: [...types], names: [...names] };
			const trigger = parseFql(subscriptionTrigger(filter));
			for (const event of events) {
				expect({ event, kept: trigger.matches(event) }).toEqual({
					event,
					kept: matchesFilter(filter, event),
				});
			}
		},
	);

	test('as Segment writes them', () => {
		expect(subscriptionTrigger({ by: 'events', types: ['track'], names: ['A', 'B'] })).toBe(
			'(type = "track" and (event = "A" or event = "B"))',
		);
		expect(subscriptionTrigger({ by: 'events', types: ['screen', 'delete'], names: [] })).toBe(
			'type = "screen"',
		);
	});
});
