/**
 * What a file is, decided by its bytes alone (magic numbers), never by its name or the client's
 * header: an HTML page named `photo.jpg` or an executable named `report.pdf` is neither.
 * Allowed: JPEG, PNG, WebP, HEIC, PDF, Office Open XML (docx, xlsx, pptx) and legacy Office
 * (doc, xls, ppt, which share the OLE compound-file container and differ by their streams).
 */
import { fileTypeFromBuffer } from 'file-type';

export interface DetectedType {
	mime: string;
	ext: string;
	image: boolean;
}

const ALLOWED: Record<string, DetectedType> = {
	jpg: { mime: 'image/jpeg', ext: 'jpg', image: true },
	png: { mime: 'image/png', ext: 'png', image: true },
	webp: { mime: 'image/webp', ext: 'webp', image: true },
	heic: { mime: 'image/heic', ext: 'heic', image: true },
	pdf: { mime: 'application/pdf', ext: 'pdf', image: false },
	docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', image: false },
	xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', image: false },
	pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx', image: false },
	doc: { mime: 'application/msword', ext: 'doc', image: false },
	xls: { mime: 'application/vnd.ms-excel', ext: 'xls', image: false },
	ppt: { mime: 'application/vnd.ms-powerpoint', ext: 'ppt', image: false }
};

/** UTF-16LE bytes of an OLE stream name, as they stand in the compound file's directory. */
const utf16 = (s: string) => Buffer.from(s, 'utf16le');
const OLE_STREAMS: [Buffer, string][] = [
	[utf16('WordDocument'), 'doc'],
	[utf16('Workbook'), 'xls'],
	[utf16('Book'), 'xls'],
	[utf16('PowerPoint Document'), 'ppt']
];

/** Which legacy Office document an OLE compound file holds, by the streams it names. */
function oleKind(bytes: Uint8Array): string | null {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (const [name, ext] of OLE_STREAMS) if (buf.indexOf(name) >= 0) return ext;
	return null;
}

/** The allowed type of `bytes`, or `null` for anything else (scripts, executables, HTML…). */
export async function detectType(bytes: Uint8Array): Promise<DetectedType | null> {
	const found = await fileTypeFromBuffer(bytes);
	if (!found) return null;
	if (found.ext === 'cfb') {
		const ext = oleKind(bytes);
		return ext ? ALLOWED[ext] : null;
	}
	const ext = found.ext === 'heic' || found.mime === 'image/heic' || found.mime === 'image/heif' ? 'heic' : found.ext;
	return ALLOWED[ext] ?? null;
}
