// File type from leading bytes ("magic numbers"); the file name is never trusted.

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'other';

export interface FileType {
  /** MIME type, or application/octet-stream when unknown. */
  mime: string;
  kind: MediaKind;
}

function ascii(b: Uint8Array, at: number, s: string): boolean {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

export function detectFileType(b: Uint8Array): FileType {
  const t = (mime: string, kind: MediaKind): FileType => ({ mime, kind });
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return t('image/jpeg', 'image');
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return t('image/png', 'image');
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return t('image/gif', 'image');
  if (ascii(b, 0, 'BM') && b.length >= 26) return t('image/bmp', 'image');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return t('image/webp', 'image');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return t('audio/wav', 'audio');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI ')) return t('video/x-msvideo', 'video');
  if (ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*')) return t('image/tiff', 'image');
  if (ascii(b, 4, 'ftyp')) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (/^(avif|avis)$/.test(brand)) return t('image/avif', 'image');
    if (/^(heic|heix|mif1|msf1)$/.test(brand)) return t('image/heic', 'image');
    if (/^(M4A |M4B )$/.test(brand)) return t('audio/mp4', 'audio');
    if (/^qt {2}$/.test(brand)) return t('video/quicktime', 'video');
    return t('video/mp4', 'video');
  }
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return t('video/webm', 'video');
  if (ascii(b, 0, 'OggS')) return t('audio/ogg', 'audio');
  if (ascii(b, 0, 'fLaC')) return t('audio/flac', 'audio');
  if (ascii(b, 0, 'ID3') || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0)) return t('audio/mpeg', 'audio');
  if (ascii(b, 0, '%PDF-')) return t('application/pdf', 'document');
  return t('application/octet-stream', 'other');
}
