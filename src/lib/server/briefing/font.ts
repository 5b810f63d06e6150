/**
 * The CJK font a briefing PDF is set in. PDF's standard fonts have no Chinese, so the server uses
 * an installed Noto Sans CJK (Debian's `fonts-noto-cjk`) or the file `BRIEFING_FONT` names; without
 * one the PDF route says so instead of printing boxes.
 */
import { existsSync } from 'node:fs';

export interface CjkFont {
	regular: { path: string; family?: string };
	bold: { path: string; family?: string };
}

const NOTO = '/usr/share/fonts/opentype/noto';

export function findCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont | null {
	const own = env.BRIEFING_FONT;
	if (own) return existsSync(own) ? { regular: { path: own }, bold: { path: env.BRIEFING_FONT_BOLD ?? own } } : null;
	const regular = `${NOTO}/NotoSansCJK-Regular.ttc`;
	const bold = `${NOTO}/NotoSansCJK-Bold.ttc`;
	if (!existsSync(regular)) return null;
	return {
		regular: { path: regular, family: 'NotoSansCJKsc-Regular' },
		bold: existsSync(bold) ? { path: bold, family: 'NotoSansCJKsc-Bold' } : { path: regular, family: 'NotoSansCJKsc-Regular' }
	};
}
