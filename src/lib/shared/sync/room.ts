/**
 * What a live room is, as a value: the kinds (`./kinds`) declare how each is named, parsed and
 * accessed. A leaf module, so the kinds and the protocol both import it without a cycle.
 */
export type Room =
	| { kind: 'plan'; planId: string }
	| { kind: 'school'; planId: string; schoolId: string }
	| { kind: 'pairings'; planId: string };
