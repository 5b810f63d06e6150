/**
 * Public holidays and 调休 working days as the State Council's General Office published them for
 * each year (国务院办公厅关于部分节假日安排的通知), transcribed day by day. `holiday` lists only the
 * weekdays off (a weekend day inside a break is off anyway); `makeup` the weekend days worked.
 * A year not listed here is known by its weekends only, and the calendar says so.
 */
import type { CalendarDay } from './types';

interface PublishedYear {
	source: string;
	days: CalendarDay[];
}

const h = (name: string, ...dates: string[]): CalendarDay[] => dates.map((date) => ({ date, kind: 'holiday', name }));
const w = (name: string, ...dates: string[]): CalendarDay[] => dates.map((date) => ({ date, kind: 'makeup', name }));

export const PUBLISHED_HOLIDAYS: Record<number, PublishedYear> = {
	2025: {
		source: '国务院办公厅关于2025年部分节假日安排的通知（2024年11月12日）',
		days: [
			...h('元旦', '2025-01-01'),
			...h('春节', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04'),
			...w('春节', '2025-01-26', '2025-02-08'),
			...h('清明节', '2025-04-04'),
			...h('劳动节', '2025-05-01', '2025-05-02', '2025-05-05'),
			...w('劳动节', '2025-04-27'),
			...h('端午节', '2025-06-02'),
			...h('国庆节、中秋节', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'),
			...w('国庆节、中秋节', '2025-09-28', '2025-10-11')
		]
	},
	2026: {
		source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社发布）',
		days: [
			...h('元旦', '2026-01-01', '2026-01-02'),
			...w('元旦', '2026-01-04'),
			...h('春节', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'),
			...w('春节', '2026-02-14', '2026-02-28'),
			...h('清明节', '2026-04-06'),
			...h('劳动节', '2026-05-01', '2026-05-04', '2026-05-05'),
			...w('劳动节', '2026-05-09'),
			...h('端午节', '2026-06-19'),
			...h('中秋节', '2026-09-25'),
			...h('国庆节', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'),
			...w('国庆节', '2026-09-20', '2026-10-10')
		]
	}
};
