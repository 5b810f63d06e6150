// Over 400 lines: the demo plan is data transcribed from the seed document (000_*.txt), one section per part of the plan; code that builds from it is in ./seed.ts.
/**
 * The demo workspace as plain data: the district's primary-school quality plan (2025 original,
 * moved to the year of `today`), its phases, workstreams, tasks, goals, schools, pairings, pilot
 * milestones, visits and the demo accounts of the contract. Pure and deterministic: the same
 * `today` always gives the same workspace, and statuses follow the dates, so the demo looks like a
 * plan in mid-flight whatever day it is started on.
 */
import { addDays, daysBetween, isIsoDate, makeDate, monthEnd, monthStart } from '../../shared/plan/dates';
import { generateNKeysBetween } from '../../shared/plan/order';
import { expectedProgress } from '../../shared/plan/schedule';
import type {
	GoalGroup,
	Indicator,
	IsoDate,
	Milestone,
	PairingMode,
	Phase,
	PhaseKey,
	Role,
	SchoolTier,
	SchoolType,
	Task,
	TaskStatus,
	VisitKind
} from '../../shared/plan/types';

export const DEMO_PLAN_ID = 'demo';
export const DEMO_PASSWORD = 'demo-pass';

export interface DemoPlan {
	id: string;
	title: string;
	start: IsoDate;
	end: IsoDate;
}

export interface Workstream {
	/** The short name tasks carry in their `workstream` field. */
	name: string;
	/** The heading of 二、重点任务 it comes from. */
	heading: string;
}

export interface DemoSchool {
	id: string;
	name: string;
	type: SchoolType;
	tier: SchoolTier;
	pilot: boolean;
}

export interface DemoPairing {
	id: string;
	strongId: string;
	weakId: string;
	modes: PairingMode[];
	start: IsoDate;
	end: IsoDate;
	/** Confirmed visits per semester. */
	target: number;
}

export interface DemoVisit {
	id: string;
	pairingId: string;
	date: IsoDate;
	hostId: string;
	visitorId: string;
	kind: VisitKind;
	participants: number;
	topic: string;
	summary: string;
	status: 'logged' | 'confirmed';
	createdBy: string;
	confirmedBy: string | null;
	idempotencyKey: string;
}

export interface DemoUser {
	id: string;
	username: string;
	displayName: string;
	isAdmin: boolean;
	role: Role;
	schoolId: string | null;
	/** What the account is for, shown in the demo banner. */
	about: { zh: string; en: string };
	/** Responsible units (责任单位) the account belongs to. */
	units?: string[];
}

export interface DemoWorkspace {
	today: IsoDate;
	plan: DemoPlan;
	phases: Phase[];
	workstreams: Workstream[];
	tasks: Task[];
	goals: GoalGroup[];
	indicators: Indicator[];
	schools: DemoSchool[];
	pairings: DemoPairing[];
	/** Pilot school id → its milestones. */
	milestones: Record<string, Milestone[]>;
	visits: DemoVisit[];
	users: DemoUser[];
}

// ─── The plan text, as data ─────────────────────────────────────────────────────────────────────

/** 二、重点任务与实施路径 (一)–(五), by the short names of the plan's five core areas. */
export const WORKSTREAMS: Workstream[] = [
	{ name: '课程建设', heading: '深化课程整合，构建素养导向的课程体系' },
	{ name: '课堂改革', heading: '推进课堂革命，打造“学为中心”的高效课堂' },
	{ name: '教师发展', heading: '强化教师赋能，建设专业化创新型教师队伍' },
	{ name: '评价创新', heading: '创新评价改革，构建多元立体的质量监测体系' },
	{ name: '资源保障', heading: '整合多方资源，营造协同育人良好生态' }
];

type WorkstreamName = '课程建设' | '课堂改革' | '教师发展' | '评价创新' | '资源保障';

/** 三、实施步骤: months of each phase. */
const PHASE_MONTHS: { key: PhaseKey; name: string; from: number; to: number }[] = [
	{ key: 'launch', name: '启动部署', from: 1, to: 3 },
	{ key: 'pilot', name: '试点推进', from: 4, to: 6 },
	{ key: 'rollout', name: '全面实施', from: 7, to: 11 },
	{ key: 'evaluation', name: '总结评估', from: 12, to: 12 }
];

/**
 * How a task or milestone fares once started: `steady` keeps to its dates and is done after its
 * due day; `late` runs 25–35 points behind and is still open after its due day; `stalled` is
 * blocked early on. Only tasks nothing depends on are late or stalled, so no started task ever
 * waits on an unfinished predecessor.
 */
type Pace = 'steady' | 'late' | 'stalled';

interface TaskSeed {
	key: string;
	title: string;
	workstream: WorkstreamName;
	phase: PhaseKey;
	unit: string;
	lead: string;
	/** `MM-DD` in the plan year. */
	start: string;
	due: string;
	deps?: string[];
	pace?: Pace;
}

// Units: 基教科 (basic education), 教研中心 (teaching research), 教师发展中心, 电教馆 (educational
// technology), 德育科 (moral education), 人事科, 计财科 (finance), 教育局办公室, and the schools.
const TASKS: TaskSeed[] = [
	// 启动部署 (Jan–Mar)
	{ key: 'leadGroup', title: '成立区级教育教学质量提升领导小组', workstream: '资源保障', phase: 'launch', unit: '教育局办公室', lead: '李明华', start: '01-05', due: '01-16' },
	{ key: 'breakdown', title: '制定《任务分解表》，明确责任单位与完成时限', workstream: '资源保障', phase: 'launch', unit: '基教科', lead: '刘芳', start: '01-19', due: '02-06', deps: ['leadGroup'] },
	{ key: 'funds', title: '设立教学质量提升专项经费（不低于教育总经费的5%）', workstream: '资源保障', phase: 'launch', unit: '计财科', lead: '吴强', start: '01-19', due: '03-13', deps: ['leadGroup'] },
	{ key: 'guide', title: '开发“新课标-教材-教学”衔接指南', workstream: '课程建设', phase: 'launch', unit: '教研中心', lead: '孙伟', start: '02-09', due: '03-31', deps: ['breakdown'] },
	{ key: 'rubric', title: '制定《小学课堂教学评价量表》（12项指标）', workstream: '课堂改革', phase: 'launch', unit: '教研中心', lead: '郑红', start: '02-09', due: '03-20', deps: ['breakdown'] },
	{ key: 'mobilize', title: '召开校长、教师动员培训会，解读方案重点', workstream: '教师发展', phase: 'launch', unit: '教师发展中心', lead: '周丽萍', start: '02-23', due: '03-06', deps: ['breakdown'] },
	{ key: 'pilots', title: '选取10所试点学校（城区优质校、农村中心校、新建校）', workstream: '资源保障', phase: 'launch', unit: '基教科', lead: '刘芳', start: '02-23', due: '03-20', deps: ['breakdown'] },
	{ key: 'evalFramework', title: '建立“学业水平+素养发展+个性特长”多元评价框架', workstream: '评价创新', phase: 'launch', unit: '教研中心', lead: '黄丽', start: '03-02', due: '03-31', deps: ['breakdown'] },
	{ key: 'schoolPlans', title: '各小学制定校本质量提升方案并报备', workstream: '资源保障', phase: 'launch', unit: '各小学', lead: '刘芳', start: '03-02', due: '03-31', deps: ['breakdown'], pace: 'late' },
	// 试点推进 (Apr–Jun)
	{ key: 'fourStep', title: '试点校推行“情境导入-问题驱动-合作探究-迁移应用”四步教学模式', workstream: '课堂改革', phase: 'pilot', unit: '各试点学校', lead: '郑红', start: '04-01', due: '06-19', deps: ['pilots', 'rubric'] },
	{ key: 'resourceBank', title: '建立区级课程资源库（覆盖1-6年级，每学期更新不少于2000条）', workstream: '课程建设', phase: 'pilot', unit: '电教馆', lead: '韩涛', start: '04-01', due: '06-12', deps: ['guide'] },
	{ key: 'mentoring', title: '实施“青蓝工程”，为新教师配备学科导师和班主任导师', workstream: '教师发展', phase: 'pilot', unit: '教师发展中心', lead: '何斌', start: '04-01', due: '05-22', deps: ['mobilize'] },
	{ key: 'pairing', title: '启动“强校带弱校”结对，确定帮扶方式', workstream: '资源保障', phase: 'pilot', unit: '基教科', lead: '刘芳', start: '04-01', due: '04-30', deps: ['pilots'] },
	{ key: 'cases', title: '每学科形成20个典型课例（大单元主题学习、真实情境问题解决、项目化探究）', workstream: '课程建设', phase: 'pilot', unit: '教研中心', lead: '黄丽', start: '04-07', due: '06-30', deps: ['guide'] },
	{ key: 'homework', title: '试点校建立“基础巩固+能力提升+实践拓展”分层作业体系', workstream: '课堂改革', phase: 'pilot', unit: '各试点学校', lead: '郑红', start: '04-07', due: '05-29', deps: ['pilots'] },
	{ key: 'workshops', title: '组建学科工作坊，开展大单元教学设计与跨学科主题学习研究', workstream: '教师发展', phase: 'pilot', unit: '教师发展中心', lead: '周丽萍', start: '04-08', due: '06-12', deps: ['mobilize'] },
	{ key: 'observation', title: '组建区、校两级课堂观察团队，开展首轮课堂诊断', workstream: '课堂改革', phase: 'pilot', unit: '教研中心', lead: '孙伟', start: '04-13', due: '06-26', deps: ['rubric'] },
	{ key: 'schoolCourses', title: '试点校开发校本特色课程（劳动教育、科学启蒙、艺术融合）', workstream: '课程建设', phase: 'pilot', unit: '各试点学校', lead: '马骏', start: '04-15', due: '06-30', deps: ['pilots'], pace: 'late' },
	{ key: 'portfolios', title: '试点校为每位学生建立“成长档案袋”', workstream: '评价创新', phase: 'pilot', unit: '各试点学校', lead: '黄丽', start: '04-20', due: '06-19', deps: ['evalFramework', 'pilots'] },
	{ key: 'pilotReview', title: '试点经验总结，形成可复制的经验模式', workstream: '课堂改革', phase: 'pilot', unit: '基教科', lead: '刘芳', start: '06-22', due: '06-30', deps: ['fourStep', 'homework'] },
	// 全面实施 (Jul–Nov)
	{ key: 'parentHandbook', title: '编制《家庭教育指导手册》，开设线上课程与线下讲座', workstream: '资源保障', phase: 'rollout', unit: '德育科', lead: '冯雪', start: '07-01', due: '10-16' },
	{ key: 'facilities', title: '完善农村小学、新建学校科学实验室与阅读角，配齐音体美专职教师', workstream: '资源保障', phase: 'rollout', unit: '计财科', lead: '吴强', start: '07-01', due: '11-13', deps: ['funds'], pace: 'late' },
	{ key: 'rolloutMeeting', title: '召开全区推广推进会，总结试点经验并部署全面实施', workstream: '资源保障', phase: 'rollout', unit: '教育局办公室', lead: '李明华', start: '07-06', due: '07-17', deps: ['pilotReview'] },
	{ key: 'smartTraining', title: '“智慧教育”专项培训（AI辅助备课、学情大数据分析、在线互动课堂）', workstream: '教师发展', phase: 'rollout', unit: '电教馆', lead: '韩涛', start: '07-13', due: '08-28' },
	{ key: 'practiceBases', title: '联合社区建立实践教育基地（图书馆、消防站、博物馆）', workstream: '资源保障', phase: 'rollout', unit: '德育科', lead: '冯雪', start: '07-13', due: '09-25' },
	{ key: 'teacherFiles', title: '建立教师专业发展档案，作为职称评审、评优评先依据', workstream: '教师发展', phase: 'rollout', unit: '人事科', lead: '罗敏', start: '08-03', due: '10-30' },
	{ key: 'classroomAll', title: '全区推行四步教学模式，新型课堂覆盖90%的班级', workstream: '课堂改革', phase: 'rollout', unit: '各小学', lead: '孙伟', start: '09-01', due: '11-27', deps: ['rolloutMeeting'] },
	{ key: 'homeworkAll', title: '全区推行分层作业与作业公示制度', workstream: '课堂改革', phase: 'rollout', unit: '各小学', lead: '郑红', start: '09-01', due: '10-30', deps: ['rolloutMeeting'] },
	{ key: 'coursesAll', title: '推广校本特色课程，保证每周1课时劳动实践', workstream: '课程建设', phase: 'rollout', unit: '各小学', lead: '马骏', start: '09-01', due: '11-27', deps: ['pilotReview'] },
	{ key: 'bankUpdate', title: '区级课程资源库秋季学期更新（不少于2000条）', workstream: '课程建设', phase: 'rollout', unit: '电教馆', lead: '韩涛', start: '09-01', due: '11-30', deps: ['resourceBank'] },
	{ key: 'masters', title: '名师工作室“送教下乡”“跨校蹲点”，辐射带动薄弱学校', workstream: '教师发展', phase: 'rollout', unit: '教师发展中心', lead: '周丽萍', start: '09-07', due: '11-20', deps: ['pairing'], pace: 'late' },
	{ key: 'openDay', title: '举办“家长开放日”“教育沙龙”，邀请家长参与课堂观察', workstream: '资源保障', phase: 'rollout', unit: '各小学', lead: '冯雪', start: '09-14', due: '10-30' },
	{ key: 'onSite', title: '组织“现场观摩”“经验分享”“问题研讨”系列活动', workstream: '课堂改革', phase: 'rollout', unit: '教研中心', lead: '孙伟', start: '10-12', due: '10-23', deps: ['rolloutMeeting'] },
	{ key: 'survey', title: '区级学科素养抽测（1-6年级，每年级抽测2个学科）', workstream: '评价创新', phase: 'rollout', unit: '教研中心', lead: '黄丽', start: '10-19', due: '11-13', deps: ['evalFramework'] },
	{ key: 'awards', title: '评选“教学创新奖”“学生发展贡献奖”“课程开发优秀奖”', workstream: '教师发展', phase: 'rollout', unit: '人事科', lead: '罗敏', start: '10-19', due: '11-27', pace: 'stalled' },
	{ key: 'carnival', title: '各校举办“学科嘉年华”，替代传统纸笔测试', workstream: '评价创新', phase: 'rollout', unit: '各小学', lead: '马骏', start: '11-02', due: '11-30', pace: 'late' },
	{ key: 'homeworkCases', title: '评选区级“优秀作业设计案例”', workstream: '课堂改革', phase: 'rollout', unit: '教研中心', lead: '郑红', start: '11-02', due: '11-27', deps: ['homeworkAll'] },
	{ key: 'qualityReports', title: '形成“校级-年级-学科-教师”四级质量分析报告', workstream: '评价创新', phase: 'rollout', unit: '教研中心', lead: '孙伟', start: '11-16', due: '11-30', deps: ['survey'] },
	// 总结评估 (Dec)
	{ key: 'finalEval', title: '对照六项工作目标开展总结评估', workstream: '评价创新', phase: 'evaluation', unit: '基教科', lead: '刘芳', start: '12-01', due: '12-18', deps: ['qualityReports'] },
	{ key: 'satisfaction', title: '开展家长、学生评价满意度调查', workstream: '评价创新', phase: 'evaluation', unit: '教研中心', lead: '黄丽', start: '12-01', due: '12-11' },
	{ key: 'growthShare', title: '各校举办“成长分享会”，展示学生成长档案袋', workstream: '评价创新', phase: 'evaluation', unit: '各小学', lead: '黄丽', start: '12-07', due: '12-25', deps: ['portfolios'] },
	{ key: 'annualReport', title: '形成年度工作总结与下年度改进方案', workstream: '资源保障', phase: 'evaluation', unit: '教育局办公室', lead: '钱宏', start: '12-21', due: '12-31', deps: ['finalEval'] },
	{ key: 'commend', title: '表彰先进集体和个人，推广典型经验', workstream: '教师发展', phase: 'evaluation', unit: '教育局办公室', lead: '李明华', start: '12-22', due: '12-31', deps: ['finalEval'] }
];

/**
 * 一、工作目标 1–6; group 6 is a qualitative target without numbers. Each indicator: name, op,
 * target, its value when the plan started, and whether each school reports its own figure.
 */
type GoalIndicator = [name: string, op: '>=' | '<=', target: number, baseline: number, scope?: 'school'];
const GOALS: { title: string; indicators: GoalIndicator[] }[] = [
	{
		title: '学生发展质量显著提升',
		indicators: [
			['国家课程学业达标率', '>=', 98, 95.2, 'school'],
			['核心素养关键指标优良率', '>=', 85, 78],
			['特殊学生个性化发展支持覆盖率', '>=', 100, 86]
		]
	},
	{
		title: '教师专业能力全面提升',
		indicators: [
			['骨干教师占比', '>=', 35, 27.5, 'school'],
			['市级以上骨干教师占比', '>=', 10, 7.2],
			['教师跨学科教学能力达标率', '>=', 90, 72, 'school'],
			['数字化教学工具应用覆盖率', '>=', 100, 83]
		]
	},
	{
		title: '学校办学特色有效提升',
		indicators: [['形成可推广教学特色的学校占比', '>=', 80, 55]]
	},
	{
		title: '课堂教学改革实现突破',
		indicators: [
			['新型课堂常态化实施班级占比', '>=', 90, 64],
			['学生课堂参与度提升', '>=', 20, 0],
			['学生思维活跃度提升', '>=', 15, 0]
		]
	},
	{
		title: '评价体系创新实现突破',
		indicators: [
			['过程性评价占比', '>=', 40, 26],
			['家长、学生评价满意度', '>=', 90, 84.5]
		]
	},
	{ title: '形成区域教学质量保障体系', indicators: [] }
];

const SCHOOLS: Omit<DemoSchool, 'id'>[] = [
	{ name: '城关第一小学', type: 'urban_quality', tier: 'strong', pilot: true },
	{ name: '实验小学', type: 'urban_quality', tier: 'strong', pilot: true },
	{ name: '育才小学', type: 'urban_quality', tier: 'strong', pilot: true },
	{ name: '城关第二小学', type: 'urban_quality', tier: 'strong', pilot: false },
	{ name: '师范附属小学', type: 'urban_quality', tier: 'strong', pilot: true },
	{ name: '解放路小学', type: 'urban_quality', tier: 'none', pilot: false },
	{ name: '人民路小学', type: 'other', tier: 'none', pilot: false },
	{ name: '文化路小学', type: 'other', tier: 'none', pilot: false },
	{ name: '城东小学', type: 'other', tier: 'none', pilot: false },
	{ name: '城西小学', type: 'other', tier: 'weak', pilot: false },
	{ name: '河西镇中心小学', type: 'rural_center', tier: 'weak', pilot: true },
	{ name: '河东镇中心小学', type: 'rural_center', tier: 'none', pilot: true },
	{ name: '柳林镇中心小学', type: 'rural_center', tier: 'weak', pilot: true },
	{ name: '石桥镇中心小学', type: 'rural_center', tier: 'none', pilot: false },
	{ name: '青山乡中心小学', type: 'rural_center', tier: 'weak', pilot: false },
	{ name: '马坊镇中心小学', type: 'rural_center', tier: 'none', pilot: false },
	{ name: '白杨乡中心小学', type: 'rural_center', tier: 'none', pilot: false },
	{ name: '沙河镇中心小学', type: 'rural_center', tier: 'none', pilot: false },
	{ name: '柳林镇南村小学', type: 'other', tier: 'weak', pilot: false },
	{ name: '青山乡东岭小学', type: 'other', tier: 'weak', pilot: false },
	{ name: '石桥镇西庄小学', type: 'other', tier: 'weak', pilot: false },
	{ name: '河西镇北街小学', type: 'other', tier: 'none', pilot: false },
	{ name: '新区第一小学', type: 'new', tier: 'none', pilot: true },
	{ name: '新区第二小学', type: 'new', tier: 'none', pilot: false },
	{ name: '新区第三小学', type: 'new', tier: 'weak', pilot: true },
	{ name: '高新区实验小学', type: 'new', tier: 'none', pilot: true },
	{ name: '滨河小学', type: 'new', tier: 'none', pilot: false },
	{ name: '锦绣小学', type: 'new', tier: 'weak', pilot: false },
	{ name: '城北小学', type: 'other', tier: 'none', pilot: false },
	{ name: '东关小学', type: 'urban_quality', tier: 'strong', pilot: false }
];

const schoolId = (n: number) => `s${String(n).padStart(2, '0')}`;

/** Strong school, weak school (1-based positions in SCHOOLS), modes, start `MM-DD`. */
const PAIRINGS: [strong: number, weak: number, modes: PairingMode[], start: string][] = [
	[2, 11, ['cadre_rotation', 'teacher_exchange'], '05-06'],
	[1, 25, ['teacher_exchange', 'resource_sharing'], '05-06'],
	[3, 13, ['teacher_exchange'], '05-13'],
	[5, 20, ['resource_sharing', 'teacher_exchange'], '06-03'],
	[4, 21, ['cadre_rotation', 'teacher_exchange', 'resource_sharing'], '09-01'],
	[30, 15, ['resource_sharing'], '09-01']
];

/** Visits per pairing (1-based), host/visitor school positions, and what happened. */
const VISITS: [pairing: number, date: string, host: number, visitor: number, kind: VisitKind, participants: number, topic: string, summary: string][] = [
	[1, '05-20', 11, 2, 'cadre_rotation', 3, '实验小学副校长到河西镇中心小学挂职', '挂职副校长参与教学管理例会，梳理教学常规管理制度6项。'],
	[1, '06-17', 2, 11, 'lesson_observation', 8, '河西镇中心小学教师跟岗听课', '听课12节，围绕四步教学模式开展评课研讨。'],
	[1, '09-23', 11, 2, 'teacher_exchange', 4, '骨干教师走教：数学真实情境问题解决', '送课4节，指导青年教师2名完成同课异构。'],
	[1, '10-28', 11, 2, 'joint_research', 15, '联合教研：大单元主题学习设计', '两校语文组共同研讨三年级大单元设计，形成教案2份。'],
	[1, '11-18', 2, 11, 'resource_sharing', 5, '共享课程资源库与微课', '拷贝科学实验微课40节，开通资源平台账号。'],
	[1, '11-21', 11, 2, 'joint_research', 12, '分层作业设计联合教研', '研讨分层作业样例，约定下月互评作业设计。'],
	[2, '05-27', 25, 1, 'teacher_exchange', 3, '城关第一小学教师到新区第三小学走教', '音乐、美术专职教师每周走教2天，补齐艺术课程。'],
	[2, '10-14', 1, 25, 'lesson_observation', 10, '新教师跟岗学习课堂管理', '新教师10人跟岗一周，完成教学反思各1篇。'],
	[3, '06-10', 13, 3, 'joint_research', 14, '科学项目化探究联合教研', '共同设计“简单机械原理”探究活动，形成课例1个。'],
	[3, '11-11', 13, 3, 'teacher_exchange', 2, '名师送教下乡：语文阅读教学', '送教示范课2节，开展阅读教学专题讲座1场。'],
	[4, '06-24', 20, 5, 'resource_sharing', 4, '捐赠图书并建设班级阅读角', '捐赠图书600册，建成阅读角6个。'],
	[5, '09-16', 21, 4, 'cadre_rotation', 2, '城关第二小学中层干部到石桥镇西庄小学轮岗', '轮岗干部牵头修订教学常规检查办法。'],
	[5, '11-20', 21, 4, 'lesson_observation', 9, '课堂诊断：学生思维引导', '按课堂教学评价量表诊断课堂6节，反馈改进建议。'],
	[6, '10-21', 15, 30, 'resource_sharing', 6, '共享智慧课堂平台与学情数据分析', '开通智慧课堂平台，培训教师6人使用数据分析功能。']
];

/** Pilot milestones: phase, window `MM-DD`, title, what "done" looks like. */
interface MilestoneSeed {
	key: string;
	phase: PhaseKey;
	from: string;
	due: string;
	title: (feature: string) => string;
	done: string;
}

const MILESTONES: MilestoneSeed[] = [
	{ key: 'plan', phase: 'launch', from: '03-23', due: '03-31', title: () => '制定本校试点工作方案并报基教科备案', done: '方案已备案，成立校级工作专班' },
	{ key: 'lessons', phase: 'pilot', from: '04-01', due: '05-15', title: () => '四步教学模式首轮课例展示', done: '语文、数学、科学各展示1节，完成课后研讨' },
	{ key: 'homework', phase: 'pilot', from: '04-10', due: '06-19', title: () => '建立分层作业体系并实行作业公示', done: '作业公示制度已运行，家长反馈良好' },
	{ key: 'feature', phase: 'rollout', from: '07-01', due: '10-30', title: (f) => `形成1项可推广的教学特色（${f}）`, done: '特色项目已在全校常态化实施' },
	{ key: 'showcase', phase: 'rollout', from: '11-02', due: '11-27', title: () => '承办全区现场观摩活动', done: '观摩活动已举办，参与教师约120人' },
	{ key: 'summary', phase: 'evaluation', from: '12-01', due: '12-18', title: () => '提交试点工作总结与学生成长档案样本', done: '总结材料已提交基教科' }
];

const FEATURES = ['项目式学习', '跨学科主题学习', '学科实践', '科学启蒙课程', '艺术融合课程', '劳动教育课程', '阅读素养提升', '数学思维训练', '传统文化进课堂', '智慧课堂应用'];

const USERS: Omit<DemoUser, 'schoolId'>[] = [
	{ id: 'u-admin', username: 'admin', displayName: '系统管理员', isAdmin: true, role: 'admin', about: { zh: '系统管理员', en: 'administrator' } },
	{ id: 'u-leader', username: 'leader', displayName: '李明华', isAdmin: false, role: 'leader', about: { zh: '领导小组成员', en: 'leading-group member' } },
	{ id: 'u-coordinator', username: 'coordinator', displayName: '张晓燕', isAdmin: false, role: 'coordinator', about: { zh: '试点校协调人', en: 'pilot school coordinator' } },
	{ id: 'u-partner', username: 'partner', displayName: '赵志刚', isAdmin: false, role: 'partner', about: { zh: '结对学校联络人', en: 'paired school liaison' } },
	{ id: 'u-viewer', username: 'viewer', displayName: '陈静', isAdmin: false, role: 'viewer', about: { zh: '只读查看', en: 'read-only' } },
	// A unit's staff member: reads the plan, reports for 教研中心 and answers its notices.
	{ id: 'u-staff', username: 'staff', displayName: '孙伟', isAdmin: false, role: 'viewer', units: ['教研中心'], about: { zh: '教研中心（责任单位）', en: 'responsible unit staff' } }
];

// ─── Status from dates ──────────────────────────────────────────────────────────────────────────

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
/** People report progress in steps of 5. */
const step5 = (n: number) => Math.round(n / 5) * 5;

/**
 * Status and progress of work running `start`–`due` as seen on `today`, following its pace.
 * `salt` varies steady progress by ±5 points so the numbers do not all sit on the line.
 */
function track(start: IsoDate, due: IsoDate, today: IsoDate, pace: Pace, salt: number) {
	if (today < start) return { status: 'todo' as TaskStatus, progress: 0 };
	const expected = expectedProgress({ start, due }, today);
	if (pace === 'stalled') return { status: 'blocked' as TaskStatus, progress: clamp(step5(expected * 0.3), 0, 30) };
	if (pace === 'late') {
		return { status: 'doing' as TaskStatus, progress: clamp(step5(expected) - 25 - (salt % 3) * 5, 0, 75) };
	}
	if (today > due) return { status: 'done' as TaskStatus, progress: 100 };
	return { status: 'doing' as TaskStatus, progress: clamp(step5(expected + ((salt % 3) - 1) * 5), 0, 95) };
}

const MILESTONE_NOTES: Record<Exclude<Pace, 'steady'>, string> = {
	late: '进度滞后：专职教师不足，已申请结对学校支援',
	stalled: '受阻：场地改造未完工，待计财科协调'
};

/** Which pilot milestones lag: rural centres on their feature, new schools on the showcase. */
function milestonePace(school: DemoSchool, key: string): Pace {
	if (school.type === 'rural_center' && key === 'feature') return 'late';
	if (school.type === 'new' && key === 'showcase') return 'stalled';
	return 'steady';
}

// ─── The workspace ──────────────────────────────────────────────────────────────────────────────

/**
 * The demo workspace for a plan year running through `today` (a `YYYY-MM-DD` day, normally
 * today in Asia/Shanghai). Throws a RangeError for anything that is not a calendar day.
 */
export function buildDemoWorkspace(today: IsoDate): DemoWorkspace {
	if (!isIsoDate(today)) throw new RangeError(`not a calendar day: ${today}`);
	const year = Number(today.slice(0, 4));
	const day = (mmdd: string) => `${year}-${mmdd}`;

	const plan: DemoPlan = {
		id: DEMO_PLAN_ID,
		title: `${year}年小学教育教学质量提升实施方案`,
		start: makeDate(year, 1, 1),
		end: makeDate(year, 12, 31)
	};

	const phases: Phase[] = PHASE_MONTHS.map((p) => ({
		key: p.key,
		name: p.name,
		start: monthStart(year, p.from),
		end: monthEnd(year, p.to)
	}));

	const taskId = new Map(TASKS.map((t, i) => [t.key, `t${String(i + 1).padStart(2, '0')}`]));
	const orders = generateNKeysBetween(null, null, TASKS.length);
	const tasks: Task[] = TASKS.map((t, i) => {
		const start = day(t.start);
		const due = day(t.due);
		return {
			id: taskId.get(t.key)!,
			title: t.title,
			workstream: t.workstream,
			phase: t.phase,
			unit: t.unit,
			lead: t.lead,
			start,
			due,
			...track(start, due, today, t.pace ?? 'steady', i),
			deps: (t.deps ?? []).map((k) => {
				const id = taskId.get(k);
				if (!id) throw new Error(`demo task ${t.key} depends on unknown ${k}`);
				return id;
			}),
			order: orders[i]
		};
	});

	const goals: GoalGroup[] = GOALS.map((g, i) => ({ id: `g${i + 1}`, title: g.title, order: i + 1 }));
	const indicators: Indicator[] = GOALS.flatMap((g, i) =>
		g.indicators.map(([name, op, target, baseline, scope], j) => ({
			id: `g${i + 1}-${j + 1}`,
			group: `g${i + 1}`,
			name,
			op,
			target,
			unit: '%',
			baseline,
			scope: scope ?? ('district' as const),
			order: j + 1
		}))
	);

	const schools: DemoSchool[] = SCHOOLS.map((s, i) => ({ id: schoolId(i + 1), ...s }));

	const pairings: DemoPairing[] = PAIRINGS.map(([strong, weak, modes, start], i) => ({
		id: `pr${i + 1}`,
		strongId: schoolId(strong),
		weakId: schoolId(weak),
		modes,
		start: day(start),
		end: plan.end,
		target: 3
	}));

	const milestones: Record<string, Milestone[]> = {};
	schools
		.filter((s) => s.pilot)
		.forEach((school, i) => {
			// Every other pilot hosts a district showcase, so pilots have 5 or 6 milestones.
			const seeds = MILESTONES.filter((m) => m.key !== 'showcase' || i % 2 === 0);
			milestones[school.id] = seeds.map((m, k) => {
				const from = day(m.from);
				const due = day(m.due);
				const pace = milestonePace(school, m.key);
				const { status, progress } = track(from, due, today, pace, i + k);
				const doneOn = status === 'done' ? addDays(due, -((i + k) % 4)) : undefined;
				const note =
					status === 'done'
						? m.done
						: status === 'todo'
							? '尚未开始'
							: pace === 'steady'
								? '按计划推进中'
								: MILESTONE_NOTES[pace];
				return {
					id: `m${k + 1}`,
					title: m.title(FEATURES[i % FEATURES.length]),
					phase: m.phase,
					due,
					status,
					progress,
					...(doneOn ? { doneOn } : {}),
					note
				};
			});
		});

	const users: DemoUser[] = USERS.map((u) => ({
		...u,
		// The coordinator acts for the first pilot school, the partner for the weak school of the
		// first pairing.
		schoolId:
			u.role === 'coordinator'
				? schools.find((s) => s.pilot)!.id
				: u.role === 'partner'
					? pairings[0].weakId
					: null
	}));
	const partner = users.find((u) => u.role === 'partner')!;
	const leader = users.find((u) => u.role === 'leader')!;

	const visits: DemoVisit[] = VISITS.flatMap(
		([p, date, host, visitor, kind, participants, topic, summary], i) => {
			const pairing = pairings[p - 1];
			const on = day(date);
			if (on >= today || on < pairing.start) return [];
			const hostId = schoolId(host);
			const visitorId = schoolId(visitor);
			// The visiting side logs a visit and the host confirms it; visits of the last two
			// weeks are still waiting for that confirmation.
			const confirmed = daysBetween(on, today) > 14;
			const id = `v${String(i + 1).padStart(2, '0')}`;
			return [
				{
					id,
					pairingId: pairing.id,
					date: on,
					hostId,
					visitorId,
					kind,
					participants,
					topic,
					summary,
					status: confirmed ? 'confirmed' : 'logged',
					createdBy: visitorId === partner.schoolId ? partner.id : leader.id,
					confirmedBy: confirmed ? (hostId === partner.schoolId ? partner.id : leader.id) : null,
					idempotencyKey: `demo-${id}`
				} satisfies DemoVisit
			];
		}
	);

	return {
		today,
		plan,
		phases,
		workstreams: WORKSTREAMS,
		tasks,
		goals,
		indicators,
		schools,
		pairings,
		milestones,
		visits,
		users
	};
}
