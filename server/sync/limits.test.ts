import { describe, expect, it } from 'vitest';
import { limitsFromEnv, TokenBucket } from './limits';

describe('limits', () => {
	it('[Y8] a token bucket allows the burst, then the rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 3, () => now);
		expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
		now += 100; // one token at 10/s
		expect([bucket.take(), bucket.take()]).toEqual([true, false]);
	});

	it('reads bounds from the environment and refuses nonsense', () => {
		expect(limitsFromEnv({}).maxMessageBytes).toBe(16 * 1024 * 1024);
		expect(limitsFromEnv({ SYNC_MAX_ROOMS: '2' }).maxRooms).toBe(2);
		expect(() => limitsFromEnv({ SYNC_MAX_ROOMS: 'lots' })).toThrow(/SYNC_MAX_ROOMS/);
	});
});
