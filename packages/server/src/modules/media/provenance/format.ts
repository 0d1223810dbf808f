// Media type sniffing for the C2PA reader: from the file's first bytes, never from its name.

/** MIME types the C2PA reader accepts, by their magic bytes; undefined when the type is not one we read. */
export function sniffFormat(b: Uint8Array): string | undefined {
  const at = (off: number, s: string) => b.length >= off + s.length && [...s].every((c, i) => b[off + i] === c.charCodeAt(0));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (at(0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (at(0, 'GIF8')) return 'image/gif';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'image/webp';
  if (at(0, 'RIFF') && at(8, 'WAVE')) return 'audio/wav';
  if (at(0, 'RIFF') && at(8, 'AVI ')) return 'video/avi';
  if (at(0, 'II*\0') || at(0, 'MM\0*')) return 'image/tiff';
  if (at(0, '%PDF-')) return 'application/pdf';
  if (at(0, 'ID3') || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (at(4, 'ftyp')) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    if (brand === 'qt  ') return 'video/quicktime';
    if (brand.startsWith('M4A')) return 'audio/mp4';
    return 'video/mp4';
  }
  // Fragmented MP4 segments and bare ISO BMFF files may start with other top-level boxes.
  if (at(4, 'moov') || at(4, 'styp') || at(4, 'moof') || at(4, 'sidx')) return 'video/mp4';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 512)).trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml';
  return undefined;
}
