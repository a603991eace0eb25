import { KEY_SITE_CATEGORIES, KEY_SITE_SYMBOLS, LABEL_FONT_FAMILY, type KeySiteCategory } from './palette';

const SIZE = 48; // device pixels; added with pixelRatio 2, so 24 CSS px at icon-size 1

/**
 * Draws one key-site icon (coloured shape + one Chinese character) on a canvas with the local CJK font.
 * Icons are generated in the browser so the offline style needs no sprite sheet from a server.
 */
export function drawKeySiteIcon(category: KeySiteCategory): ImageData {
  const { colour, glyph, shape } = KEY_SITE_SYMBOLS[category];
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d')!;
  const c = SIZE / 2;
  const r = SIZE / 2 - 3;
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(c, c, r, 0, Math.PI * 2);
  else if (shape === 'square') ctx.roundRect(3, 3, SIZE - 6, SIZE - 6, 8);
  else {
    ctx.moveTo(c, 1);
    ctx.lineTo(SIZE - 1, c);
    ctx.lineTo(c, SIZE - 1);
    ctx.lineTo(1, c);
    ctx.closePath();
  }
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.font = `700 ${shape === 'diamond' ? 20 : 24}px ${LABEL_FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(glyph, c, c + 1);
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

export const keySiteImageId = (category: KeySiteCategory) => `key-site-${category}`;

export function keySiteIcons(): { id: string; image: ImageData }[] {
  return KEY_SITE_CATEGORIES.map((category) => ({ id: keySiteImageId(category), image: drawKeySiteIcon(category) }));
}

/** A data URL of the icon for the legend, so the legend shows exactly what the map draws. */
export function keySiteIconDataUrl(category: KeySiteCategory): string {
  const img = drawKeySiteIcon(category);
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  canvas.getContext('2d')!.putImageData(img, 0, 0);
  return canvas.toDataURL('image/png');
}
