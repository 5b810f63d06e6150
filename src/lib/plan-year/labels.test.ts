import { describe, expect, it } from 'vitest';
import * as m from '$lib/paraglide/messages';
import { approvalBaselineId, storedApprovalName } from '$lib/shared/plan/baselines';
import { baselineName } from './labels';

describe('baseline names', () => {
	it('[AP6] an approval baseline is named from its version by the messages, whatever name is stored with it', () => {
		expect(baselineName({ id: 'approved-v3', name: '审批基线 v3' })).toBe(m.approval_baseline_name({ version: '3' }));
		expect(baselineName({ id: 'approved-v12', name: 'anything' })).toBe(m.approval_baseline_name({ version: '12' }));
	});

	it('[AP6] a baseline saved by hand keeps the name its author gave', () => {
		expect(baselineName({ id: 'b-1', name: '启动时基线' })).toBe('启动时基线');
		expect(baselineName({ id: 'approved-vx', name: 'Mine' })).toBe('Mine');
	});

	it('[AP6] the name the server stores with an approval is never what a reader sees: English readers get English', () => {
		const stored = { id: approvalBaselineId(2), name: storedApprovalName(2) };
		expect(stored.name).toBe('审批基线 v2');
		expect(baselineName(stored, 'en')).toBe('Approval baseline v2');
		expect(baselineName(stored, 'zh-CN')).toBe('审批基线 v2');
		expect(baselineName({ id: 'b-1', name: 'Term start' }, 'zh-CN')).toBe('Term start');
	});
});
