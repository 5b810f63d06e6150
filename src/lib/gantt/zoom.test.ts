import { describe, expect, it } from 'vitest';
import { Pinch, stepZoom, wheelStep } from './zoom';

describe('zoom gestures', () => {
	it('[G14] zoom steps in towards week and out towards the whole plan, and stops at either end', () => {
		expect(stepZoom('month', 1)).toBe('week');
		expect(stepZoom('month', -1)).toBe('quarter');
		expect(stepZoom('week', 1)).toBeNull();
		expect(stepZoom('plan', -1)).toBeNull();
	});

	it('[G14] Ctrl+wheel up zooms in, down zooms out; a plain wheel scrolls', () => {
		expect(wheelStep({ ctrlKey: true, deltaY: -40 })).toBe(1);
		expect(wheelStep({ ctrlKey: true, deltaY: 40 })).toBe(-1);
		expect(wheelStep({ ctrlKey: false, deltaY: -40 })).toBeNull();
	});

	it('[G14] a pinch steps once each time the fingers spread 30 % or close 23 % from the last step', () => {
		const p = new Pinch();
		expect(p.move(300)).toBeNull();
		p.start(100);
		expect(p.move(125)).toBeNull();
		expect(p.move(131)).toBe(1);
		expect(p.move(160)).toBeNull();
		expect(p.move(100)).toBe(-1);
		p.start(null);
		expect(p.move(10)).toBeNull();
	});
});
